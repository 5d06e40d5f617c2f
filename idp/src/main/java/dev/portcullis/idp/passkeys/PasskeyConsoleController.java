package dev.portcullis.idp.passkeys;

import java.security.Principal;

import dev.portcullis.idp.admin.NotFoundException;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin console removes a person's passkey (a lost or stolen device). The user page lists them
 * ({@code passkeys/fragments :: admin}); the removal is audited with the admin as actor.
 */
@Controller
class PasskeyConsoleController {

	private final Passkeys passkeys;

	PasskeyConsoleController(Passkeys passkeys) {
		this.passkeys = passkeys;
	}

	@PostMapping("/admin/users/{userId}/passkeys/{passkeyId}/remove")
	String remove(@PathVariable String userId, @PathVariable String passkeyId, Principal admin,
			RedirectAttributes redirect) {
		if (!this.passkeys.remove(userId, passkeyId, admin.getName())) {
			throw new NotFoundException("No such passkey for this user");
		}
		redirect.addFlashAttribute("notice", "Passkey removed");
		return "redirect:/admin/users/{userId}";
	}

}
