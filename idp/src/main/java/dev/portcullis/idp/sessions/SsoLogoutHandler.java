package dev.portcullis.idp.sessions;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;

/**
 * Runs on every sign-out at the IdP (its own sign-out button and RP-initiated logout from an app), before Spring
 * Security invalidates the session: the apps signed in under it are told, its grants revoked.
 */
@Component
public class SsoLogoutHandler implements LogoutHandler {

	private final SsoSessions ssoSessions;

	SsoLogoutHandler(SsoSessions ssoSessions) {
		this.ssoSessions = ssoSessions;
	}

	@Override
	public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			String actor = (authentication != null) ? authentication.getName() : "anonymous";
			this.ssoSessions.ending(session.getId(), actor, "signed out");
		}
	}

}
