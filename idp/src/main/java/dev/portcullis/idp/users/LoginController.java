package dev.portcullis.idp.users;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page. Spring Security's form login handles the POST. */
@Controller
class LoginController {

	private final RequestCache requestCache = new HttpSessionRequestCache();

	private final UserAccountRepository accounts;

	LoginController(UserAccountRepository accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/login")
	String login(HttpServletRequest request, HttpServletResponse response, HttpSession session, Model model) {
		Object lastUsername = session.getAttribute(LoginFailureHandler.LAST_USERNAME);
		if (lastUsername != null) {
			session.removeAttribute(LoginFailureHandler.LAST_USERNAME);
			model.addAttribute("username", lastUsername);
		}
		else if (request.getUserPrincipal() != null) {
			// Someone signed in confirming their password (before changing a factor): they are who they are.
			model.addAttribute("username",
					this.accounts.findById(request.getUserPrincipal().getName()).map(UserAccount::username).orElse(null));
		}
		else {
			model.addAttribute("username", loginHint(request, response));
		}
		return "login";
	}

	/**
	 * The app's guess of who is signing in ({@code login_hint}, OpenID Connect Core 1.0, section 3.1.2.1) prefills
	 * the username and nothing more: it is shown escaped, and what counts is what the person submits.
	 */
	private String loginHint(HttpServletRequest request, HttpServletResponse response) {
		SavedRequest saved = this.requestCache.getRequest(request, response);
		String[] hint = (saved != null) ? saved.getParameterValues("login_hint") : null;
		return (hint != null && hint.length == 1 && hint[0].length() <= UserAccountRepository.MAX_USERNAME_LENGTH) ? hint[0] : null;
	}

}
