package dev.portcullis.idp.users;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page. Spring Security's form login handles the POST. */
@Controller
class LoginController {

	@GetMapping("/login")
	String login(HttpSession session, Model model) {
		Object lastUsername = session.getAttribute(LoginFailureHandler.LAST_USERNAME);
		if (lastUsername != null) {
			session.removeAttribute(LoginFailureHandler.LAST_USERNAME);
			model.addAttribute("username", lastUsername);
		}
		return "login";
	}

}
