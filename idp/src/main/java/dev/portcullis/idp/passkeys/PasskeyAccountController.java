package dev.portcullis.idp.passkeys;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The account page's passkey part beyond adding one ({@code passkeys/fragments :: account}, driven by
 * {@code js/passkeys.js} against Spring's endpoints): using one as a second factor. Listing and removing passkeys is
 * the account page's one list of second factors ({@code mfa}).
 */
@Controller
class PasskeyAccountController {

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
