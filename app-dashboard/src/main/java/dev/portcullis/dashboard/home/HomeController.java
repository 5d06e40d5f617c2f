package dev.portcullis.dashboard.home;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomeController {

	private final PortalApiClient portalApi;

	private final String otherAppUrl;

	HomeController(PortalApiClient portalApi, @Value("${portcullis.other-app-url}") String otherAppUrl) {
		this.portalApi = portalApi;
		this.otherAppUrl = otherAppUrl;
	}

	/** Public (the starter's default public-paths): where a visitor starts and where sign-out lands. */
	@GetMapping("/welcome")
	String welcome() {
		return "welcome";
	}

	/** Signed-in home; a visitor without a session never gets here but is sent to the IdP. */
	@GetMapping("/")
	String home(@AuthenticationPrincipal OidcUser user, Model model) {
		String name = user.getFullName();
		model.addAttribute("userName", (name != null && !name.isBlank()) ? name : user.getPreferredUsername());
		model.addAttribute("userEmail", user.getEmail());
		model.addAttribute("otherAppUrl", this.otherAppUrl);
		model.addAttribute("apiResult", this.portalApi.whoAmI());
		return "home";
	}

}
