package dev.portcullis.idp.sessions;

import java.security.Principal;
import java.util.Date;
import java.util.List;

import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What the authorization server learns about OpenID Connect sessions, answered from the session of the current
 * request alone, at a cost that does not depend on how many sessions a person has.
 * <p>
 * The authorization server asks a {@link SessionRegistry} for all of a person's sessions twice: at the token
 * endpoint, to guess the {@code sid} of a new ID token (the person's most recently used session; we bind the sid to
 * the grant when it is made instead, see {@code TokenClaims}), and at RP-initiated logout, to find the session whose
 * id it already holds, the current one. Spring Session's registry answered both by loading and deserializing every
 * session of the person, on every code exchange: with a thousand sessions the single sign-on hop cost five times
 * as much. Spring Session owns the sessions' life cycle, so registering and removing are no-ops here.
 */
final class CurrentSessionRegistry implements SessionRegistry {

	@Override
	public List<Object> getAllPrincipals() {
		return List.of(); // never asked by the authorization server; listing everyone is not a per-request job
	}

	@Override
	public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
		HttpSession session = currentSession();
		if (session == null || !nameOf(principal).equals(principalNameOf(session))) {
			return List.of();
		}
		return List.of(new SessionInformation(principal, session.getId(), new Date(session.getLastAccessedTime())));
	}

	@Override
	public SessionInformation getSessionInformation(String sessionId) {
		HttpSession session = currentSession();
		if (session == null || !session.getId().equals(sessionId)) {
			return null;
		}
		String principal = principalNameOf(session);
		return (principal != null)
				? new SessionInformation(principal, sessionId, new Date(session.getLastAccessedTime())) : null;
	}

	@Override
	public void refreshLastRequest(String sessionId) {
	}

	@Override
	public void registerNewSession(String sessionId, Object principal) {
	}

	@Override
	public void removeSessionInformation(String sessionId) {
	}

	private static HttpSession currentSession() {
		return (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
				? attributes.getRequest().getSession(false) : null;
	}

	private static String principalNameOf(HttpSession session) {
		Object context = session
			.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		Authentication authentication = (context instanceof SecurityContext securityContext)
				? securityContext.getAuthentication() : null;
		return (authentication != null) ? authentication.getName() : null;
	}

	private static String nameOf(Object principal) {
		if (principal instanceof UserDetails user) {
			return user.getUsername();
		}
		if (principal instanceof Principal named) {
			return named.getName();
		}
		return String.valueOf(principal);
	}

}
