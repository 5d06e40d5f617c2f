package dev.portcullis.idp.sessions;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * After a successful sign-in: give the session a signed-in person's idle timeout, record the new SSO session, then
 * continue where the person was going.
 */
@Component
public class SessionRecordingSuccessHandler extends SavedRequestAwareAuthenticationSuccessHandler {

	private final SsoSessions ssoSessions;

	private final int idleTimeoutSeconds;

	SessionRecordingSuccessHandler(SsoSessions ssoSessions, SessionProperties properties) {
		this.ssoSessions = ssoSessions;
		this.idleTimeoutSeconds = Math.toIntExact(properties.idleTimeout().toSeconds());
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws ServletException, IOException {
		recordSignIn(request, authentication);
		super.onAuthenticationSuccess(request, response, authentication);
	}

	/**
	 * What every way of signing in does before it answers (the password form here; passkeys, which answer with
	 * JSON, call it themselves). Once per session: a second factor in the same session changes nothing.
	 */
	public void recordSignIn(HttpServletRequest request, Authentication authentication) {
		// From the short life of a visitor's session to the long one of a signed-in person's.
		request.getSession().setMaxInactiveInterval(this.idleTimeoutSeconds);
		this.ssoSessions.started(request, authentication.getName());
	}

}
