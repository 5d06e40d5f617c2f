package dev.portcullis.idp.users;

import java.time.Instant;
import java.util.List;

/**
 * An account in the admin API; never its password hash. {@code password} is present only when the IdP generated
 * one (on creation or reset): the one time it is shown.
 */
public record UserResource(String id, String username, String email, String displayName, boolean enabled,
		boolean admin, Instant createdAt, Instant lastLoginAt, String password) {

	static UserResource of(UserAccount account) {
		return of(account, null);
	}

	static UserResource of(UserAccount account, String password) {
		return new UserResource(account.id(), account.username(), account.email(), account.displayName(),
				account.enabled(), account.isAdmin(), account.createdAt(), account.lastLoginAt(), password);
	}

	@Override
	public String toString() {
		return "UserResource[" + this.username + "]";
	}

	/** One page of a search. */
	public record Page(List<UserResource> users, long total, int offset, int limit) {
	}

	/** Body of "create a user": {@code email} and {@code password} optional, {@code admin} false when omitted. */
	public record Creation(String username, String email, String displayName, String password, Boolean admin) {

		NewUser toNewUser() {
			return new NewUser(this.username, this.email, this.displayName, this.password, Boolean.TRUE.equals(this.admin));
		}

		@Override
		public String toString() {
			return "Creation[" + this.username + "]";
		}

	}

	/** Body of "reset the password": a chosen password, or none to have one generated. */
	public record PasswordReset(String password) {

		@Override
		public String toString() {
			return "PasswordReset";
		}

	}

}
