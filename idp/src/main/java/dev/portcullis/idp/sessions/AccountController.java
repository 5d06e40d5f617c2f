package dev.portcullis.idp.sessions;

import java.security.Principal;

import dev.portcullis.idp.mfa.RecoveryCodes;
import dev.portcullis.idp.mfa.SecondFactors;
import dev.portcullis.idp.users.PasswordChange;
import dev.portcullis.idp.users.UserAccountRepository;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in person's own page at the IdP: profile, password, second factors (managed by the mfa feature), and
 * their SSO sessions, each of which they can end, or all at once ("sign out everywhere").
 */
@Controller
class AccountController {

	private final UserAccountRepository accounts;

	private final SsoSessions ssoSessions;

	private final PasswordChange passwordChange;

	private final SecondFactors secondFactors;

	private final RecoveryCodes recoveryCodes;

	AccountController(UserAccountRepository accounts, SsoSessions ssoSessions, PasswordChange passwordChange,
			SecondFactors secondFactors, RecoveryCodes recoveryCodes) {
		this.accounts = accounts;
		this.ssoSessions = ssoSessions;
		this.passwordChange = passwordChange;
		this.secondFactors = secondFactors;
		this.recoveryCodes = recoveryCodes;
	}

	@GetMapping("/")
	String home() {
		return "redirect:/account";
	}

	@GetMapping("/account")
	String account(Principal principal, HttpSession session, Model model) {
		model.addAttribute("account", this.accounts.findById(principal.getName())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
		model.addAttribute("sessions", this.ssoSessions.listFor(principal.getName()));
		model.addAttribute("currentSid", SessionIds.sid(session.getId()));
		model.addAttribute("secondFactors", this.secondFactors.of(principal.getName()));
		model.addAttribute("recoveryCodesLeft", this.recoveryCodes.remaining(principal.getName()));
		model.addAttribute("hasRecoveryCodes", this.recoveryCodes.exists(principal.getName()));
		return "account";
	}

	@PostMapping("/account/password")
	String changePassword(Principal principal, @RequestParam(defaultValue = "") String currentPassword,
			@RequestParam(defaultValue = "") String newPassword, @RequestParam(defaultValue = "") String confirmation,
			HttpSession session, RedirectAttributes redirect) {
		String problem = this.passwordChange.change(principal.getName(), currentPassword, newPassword, confirmation);
		if (problem == null) {
			// Whoever else held a session (perhaps why the password is being changed) is signed out.
			this.ssoSessions.endOthers(principal.getName(), session.getId(), principal.getName());
		}
		redirect.addFlashAttribute((problem == null) ? "passwordChanged" : "passwordError",
				(problem == null) ? "Your password has been changed." : problem);
		return "redirect:/account";
	}

	@PostMapping("/account/sessions/{sid}/end")
	String endSession(Principal principal, @PathVariable String sid, HttpServletRequest request,
			RedirectAttributes redirect) throws Exception {
		if (sid.equals(SessionIds.sid(request.getSession().getId()))) {
			request.logout(); // this browser: the same as "Sign out", through Spring Security's logout handlers
			return "redirect:/login?logout";
		}
		boolean ended = this.ssoSessions.end(principal.getName(), sid, principal.getName(),
				"ended from the account page");
		redirect.addFlashAttribute("sessionMessage", ended ? "The session has been signed out." : "That session had already ended.");
		return "redirect:/account";
	}

	@PostMapping("/account/sessions/end-all")
	String signOutEverywhere(Principal principal, HttpServletRequest request) throws Exception {
		this.ssoSessions.endAllFor(principal.getName(), principal.getName());
		request.getSession().invalidate();
		return "redirect:/login?logout";
	}

}
