package dev.portcullis.portal.signin;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * People type {@code /logout} and links point at it. A GET never signs out (a prefetch, an image or a link on
 * another site could send one), so it shows a page whose one button POSTs to {@code /logout} with the CSRF token,
 * where Spring Security signs out here and at the IdP, as the home page's button does.
 */
@Controller
class SignOutController {

	@GetMapping("/logout")
	String confirm(@AuthenticationPrincipal OidcUser user) {
		// Nobody signed in has nothing to sign out of: the public page, where sign-out lands anyway.
		return (user != null) ? "logout" : "redirect:/welcome";
	}

}
