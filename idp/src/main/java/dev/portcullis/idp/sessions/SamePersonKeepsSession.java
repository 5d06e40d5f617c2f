package dev.portcullis.idp.sessions;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Session fixation protection for every sign-in but one: the person already signed in to this session signing in
 * again (an app asked with {@code prompt=login} or {@code max_age}). A new session id would be a new {@code sid},
 * and the apps signed in under the old one would be told their person signed out. Whoever could plant this session
 * id in the browser already holds the signed-in session, so keeping it gives an attacker nothing.
 */
public final class SamePersonKeepsSession implements SessionAuthenticationStrategy {

	private final SessionAuthenticationStrategy fixationProtection;

	public SamePersonKeepsSession(SessionAuthenticationStrategy fixationProtection) {
		this.fixationProtection = fixationProtection;
	}

	@Override
	public void onAuthentication(Authentication authentication, HttpServletRequest request,
			HttpServletResponse response) {
		HttpSession session = request.getSession(false);
		Object context = (session != null)
				? session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) : null;
		if (context instanceof SecurityContext signedIn && signedIn.getAuthentication() != null
				&& signedIn.getAuthentication().isAuthenticated()
				&& signedIn.getAuthentication().getName().equals(authentication.getName())) {
			return;
		}
		this.fixationProtection.onAuthentication(authentication, request, response);
	}

}
