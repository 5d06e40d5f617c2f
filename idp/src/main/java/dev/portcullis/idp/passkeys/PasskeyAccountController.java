package dev.portcullis.idp.passkeys;

import dev.portcullis.idp.users.RecentSignIn;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A person's own passkeys, beside the account page (whose passkey section is {@code passkeys/fragments ::
 * account}): remove one, and use one as a second factor. Adding one is Spring's endpoints, driven by
 * {@code js/passkeys.js}.
 */
@Controller
class PasskeyAccountController {

	private final Passkeys passkeys;

	private final RecentSignIn recentSignIn;

	PasskeyAccountController(Passkeys passkeys, RecentSignIn recentSignIn) {
		this.passkeys = passkeys;
		this.recentSignIn = recentSignIn;
	}

	@PostMapping("/account/passkeys/{passkeyId}/remove")
	String remove(@PathVariable String passkeyId, Authentication person, HttpSession session,
			RedirectAttributes redirect) {
		if (!this.recentSignIn.isRecent(person, session)) {
			redirect.addFlashAttribute("passkeyError", "Enter your password again before removing a passkey.");
		}
		else if (this.passkeys.remove(person.getName(), passkeyId, person.getName())) {
			redirect.addFlashAttribute("passkeyMessage", "The passkey has been removed.");
		}
		else {
			redirect.addFlashAttribute("passkeyError", "You have no such passkey.");
		}
		return "redirect:/account#passkeys";
	}

	/**
	 * The passkey as a second factor, on a page of its own: the person, signed in with their password, proves it
	 * again with a passkey, and the sign-in then holds both factors (the account page lists them). The second-step
	 * page after the password uses the same fragment ({@code passkeys/fragments :: second-factor}).
	 */
	@GetMapping("/account/passkeys/verify")
	String verify() {
		return "passkeys/verify";
	}

}
