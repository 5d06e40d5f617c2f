package dev.portcullis.idp.mfa;

import java.time.Instant;

/**
 * One second factor of a person as the account page, the admin console and the admin API show it: what it is, the
 * name its owner gave it, when it was added and last used. Never its secret.
 */
public record SecondFactor(String id, Kind kind, String name, Instant createdAt, Instant lastUsedAt) {

	public enum Kind {

		AUTHENTICATOR_APP("Authenticator app"), PASSKEY("Passkey");

		private final String label;

		Kind(String label) {
			this.label = label;
		}

		public String label() {
			return this.label;
		}

	}

}
