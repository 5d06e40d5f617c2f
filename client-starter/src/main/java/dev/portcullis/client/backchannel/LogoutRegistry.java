package dev.portcullis.client.backchannel;

import java.time.Instant;

/**
 * What the back-channel logout receiver remembers: the IdP sessions it was told have ended, and the logout tokens
 * already used. The receiver writes here, and every request of a signed-in session reads here, so the session ends
 * at its next request whichever instance of the app it reaches. In memory for one instance
 * ({@link InMemoryLogoutRegistry}); {@link JdbcLogoutRegistry} for instances sharing a database.
 */
public interface LogoutRegistry {

	/**
	 * Remembers a logout token's {@code jti} until {@code keepUntil}.
	 * @return false when it was used before: a replay, to refuse
	 */
	boolean firstUse(String jti, Instant keepUntil);

	/**
	 * Records a logout: with a {@code sid}, that IdP session (of {@code subject}, when the token names one);
	 * without, every session of {@code subject} signed in until {@code loggedOutAt} (JWT times
	 * have whole seconds: a sign-in in the same second as the logout counts as before it).
	 */
	void recordLogout(String sid, String subject, Instant loggedOutAt, Instant keepUntil);

	/** Whether the sign-in of {@code subject} in IdP session {@code sid}, made at {@code signedInAt}, has ended. */
	boolean isEnded(String sid, String subject, Instant signedInAt);

}
