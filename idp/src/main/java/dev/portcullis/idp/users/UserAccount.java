package dev.portcullis.idp.users;

import java.time.Instant;
import java.util.Set;

/**
 * A person who can sign in. {@code id} is the stable subject ({@code sub}) of their tokens;
 * {@code username} and {@code email} are stored lower-cased.
 */
public record UserAccount(String id, String username, String email, String displayName, String passwordHash,
		boolean enabled, Set<String> roles, Instant createdAt, Instant updatedAt, Instant lastLoginAt) {

	public static final String ROLE_USER = "USER";

	public static final String ROLE_ADMIN = "ADMIN";

	public boolean isAdmin() {
		return this.roles.contains(ROLE_ADMIN);
	}

}
