package dev.portcullis.idp.sessions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import jakarta.servlet.http.HttpSession;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The {@code sid} of an SSO session (OpenID Connect Front/Back-Channel Logout, section "sid"): base64url of the
 * SHA-256 of the Spring Session id, the same value Spring Authorization Server checks at RP-initiated logout. The
 * session id itself never leaves the IdP.
 */
public final class SessionIds {

	/** Grant attribute holding the sid of the session the grant was made in. */
	public static final String SID_ATTRIBUTE = "portcullis.sid";

	private SessionIds() {
	}

	public static String sid(String sessionId) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JRE", ex);
		}
	}

	/**
	 * The sid of the browser session serving the current request, or null outside a browser request (the token
	 * endpoint, a scheduled job). Read when a grant is created at the authorization endpoint, so the grant is
	 * bound to the session that asked for it even when the person has several.
	 */
	public static String currentSid() {
		if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
			return null;
		}
		HttpSession session = attributes.getRequest().getSession(false);
		return (session != null) ? sid(session.getId()) : null;
	}

}
