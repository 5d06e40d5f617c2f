package dev.portcullis.idp.mfa;

import java.time.Instant;

/**
 * The phone's authenticator app in tests: computes codes from the secret the account page showed. Codes are taken
 * for the step of one moment fixed at creation and the next step, both accepted for a minute (the IdP allows one
 * step either side), so a test can use two codes without waiting for the clock.
 */
final class Authenticator {

	private final byte[] secret;

	private final long step;

	Authenticator(String shownSecret) {
		this.secret = AuthenticatorApps.decode(shownSecret.replace(" ", ""));
		this.step = Totp.AUTHENTICATOR_APPS.step(Instant.now());
	}

	/** The code the app shows now. */
	String code() {
		return Totp.AUTHENTICATOR_APPS.code(this.secret, this.step);
	}

	/** The code it shows 30 seconds later: not used yet. */
	String nextCode() {
		return Totp.AUTHENTICATOR_APPS.code(this.secret, this.step + 1);
	}

	/** A code of a step that was accepted before this one, or far off: always refused. */
	String oldCode() {
		return Totp.AUTHENTICATOR_APPS.code(this.secret, this.step - 5);
	}

}
