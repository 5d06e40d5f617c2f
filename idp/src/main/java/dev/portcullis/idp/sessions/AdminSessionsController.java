package dev.portcullis.idp.sessions;

import java.security.Principal;

import dev.portcullis.idp.users.UserAccountRepository;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin console: a person's SSO sessions, and force sign-out (one session or all). Admin role only. */
@Controller
class AdminSessionsController {

	private final UserAccountRepository accounts;

	private final SsoSessions ssoSessions;

	AdminSessionsController(UserAccountRepository accounts, SsoSessions ssoSessions) {
		this.accounts = accounts;
		this.ssoSessions = ssoSessions;
	}

	@GetMapping("/admin/users/{userId}/sessions")
	String sessions(@PathVariable String userId, Model model) {
		model.addAttribute("user", this.accounts.findById(userId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such user")));
		model.addAttribute("sessions", this.ssoSessions.listFor(userId));
		return "admin/user-sessions";
	}

	@PostMapping("/admin/users/{userId}/sessions/end-all")
	String forceSignOut(@PathVariable String userId, Principal admin, RedirectAttributes redirect) {
		this.accounts.findById(userId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such user"));
		int ended = this.ssoSessions.endAllFor(userId, admin.getName());
		redirect.addFlashAttribute("message", ended + " session(s) signed out.");
		return "redirect:/admin/users/{userId}/sessions";
	}

	@PostMapping("/admin/users/{userId}/sessions/{sid}/end")
	String endOne(@PathVariable String userId, @PathVariable String sid, Principal admin,
			RedirectAttributes redirect) {
		boolean ended = this.ssoSessions.end(userId, sid, admin.getName(), "forced by an admin");
		redirect.addFlashAttribute("message", ended ? "The session has been signed out." : "That session had already ended.");
		return "redirect:/admin/users/{userId}/sessions";
	}

}
