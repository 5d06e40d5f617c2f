package dev.portcullis.idp.sessions;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/** After a successful sign-in: record the new SSO session, then continue where the person was going. */
@Component
public class SessionRecordingSuccessHandler extends SavedRequestAwareAuthenticationSuccessHandler {

	private final SsoSessions ssoSessions;

	SessionRecordingSuccessHandler(SsoSessions ssoSessions) {
		this.ssoSessions = ssoSessions;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws ServletException, IOException {
		this.ssoSessions.started(request, authentication.getName());
		super.onAuthenticationSuccess(request, response, authentication);
	}

}
