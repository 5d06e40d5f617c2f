package dev.portcullis.client.backchannel;

import java.io.IOException;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends, at its next request, a session whose IdP session the {@link LogoutRegistry} says has ended: the session is
 * invalidated and the request goes on as a visitor's, so a page sends the browser to sign in again. Placed right
 * after the security context is loaded, before anything reads who is signed in.
 */
public final class EndedSessionFilter extends OncePerRequestFilter {

	private final LogoutRegistry registry;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	public EndedSessionFilter(LogoutRegistry registry) {
		this.registry = registry;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = this.contexts.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof OidcUser user && ended(user)) {
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
			this.contexts.clearContext();
		}
		chain.doFilter(request, response);
	}

	private boolean ended(OidcUser user) {
		OidcIdToken idToken = user.getIdToken();
		Instant signedInAt = (idToken.getIssuedAt() != null) ? idToken.getIssuedAt() : Instant.EPOCH;
		return this.registry.isEnded(idToken.getClaimAsString("sid"), idToken.getSubject(), signedInAt);
	}

}
