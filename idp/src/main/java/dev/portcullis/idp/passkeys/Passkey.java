package dev.portcullis.idp.passkeys;

import java.time.Instant;

import dev.portcullis.idp.mfa.SecondFactor;

/**
 * A person's passkey: never its key. {@code id} is the credential id (base64url), which names it in URLs. Pages and
 * the admin API show it as one of the person's second factors ({@link #asSecondFactor}).
 */
public record Passkey(String id, String name, Instant createdAt, Instant lastUsedAt) {

	SecondFactor asSecondFactor() {
		return new SecondFactor(this.id, SecondFactor.Kind.PASSKEY, this.name, this.createdAt, this.lastUsedAt);
	}

}
