package dev.portcullis.idp.mfa;

import java.time.Instant;

/**
 * One second factor of a person as the account page, the admin console and the admin API show it: what it is, the
 * name its owner gave it, when it was added and last used. Never its secret.
 */
public record SecondFactor(String id, Kind kind, String name, Instant createdAt, Instant lastUsedAt) {

	/**
	 * The factor in the details of every {@code mfa.added} and {@code mfa.removed} audit event, whatever its kind:
	 * {@code Passkey "Work laptop" (id)}. Kind and name read well in the console; the id tells two of one name apart.
	 */
	public String auditDetails() {
		return this.kind.label() + " \"" + this.name + "\" (" + this.id + ")";
	}

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
