package dev.portcullis.idp.sessions;

import java.time.Instant;
import java.util.List;

/**
 * An SSO session as its owner sees it: where it was started, when it was last used, which apps received tokens
 * under it. Pages show and address it by {@code sid}; {@code sessionId} is a credential and stays on the server.
 */
public record SsoSession(String sessionId, String sid, String principalName, Instant startedAt, Instant lastActiveAt,
		String userAgent, String remoteAddr, List<String> apps) {

	/** A short, human description of the browser, from its User-Agent. */
	public String browser() {
		return UserAgents.describe(this.userAgent);
	}

}
