package dev.portcullis.idp.sessions;

import java.security.Principal;

import dev.portcullis.idp.users.UserAccountRepository;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ResponseStatusException;

/** The signed-in person's own page at the IdP. */
@Controller
class AccountController {

	private final UserAccountRepository accounts;

	AccountController(UserAccountRepository accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/")
	String home() {
		return "redirect:/account";
	}

	@GetMapping("/account")
	String account(Principal principal, Model model) {
		model.addAttribute("account", this.accounts.findById(principal.getName())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
		return "account";
	}

}
