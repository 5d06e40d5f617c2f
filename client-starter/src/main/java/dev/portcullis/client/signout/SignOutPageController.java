package dev.portcullis.client.signout;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * People type {@code /logout} and links point at it. A GET never signs out (a prefetch, an image or a link on
 * another site could send one), so it shows a page whose one button POSTs to {@code /logout} with the CSRF token,
 * where Spring Security signs out here and at the IdP. The page is the app's template {@code logout} when it has
 * one, else a plain built-in page.
 */
@Controller
final class SignOutPageController {

	private static final String TEMPLATE = "logout";

	private final boolean appHasTemplate;

	private final String landingPage;

	SignOutPageController(boolean appHasTemplate, String landingPage) {
		this.appHasTemplate = appHasTemplate;
		this.landingPage = landingPage;
	}

	@GetMapping("/logout")
	ModelAndView confirm(@AuthenticationPrincipal OidcUser user) {
		// Nobody signed in has nothing to sign out of: the public page, where sign-out lands anyway.
		if (user == null) {
			return new ModelAndView(new RedirectView(this.landingPage, true));
		}
		return this.appHasTemplate ? new ModelAndView(TEMPLATE) : new ModelAndView(new BuiltInSignOutPage());
	}

}
