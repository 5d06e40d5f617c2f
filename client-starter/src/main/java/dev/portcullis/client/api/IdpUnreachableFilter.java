package dev.portcullis.client.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A bearer token that cannot be checked because the IdP (its discovery document or keys) cannot be reached is not
 * the caller's fault, nor a bug here: Spring lets it escape as a 500. The API answers 503, so the caller tries again.
 */
final class IdpUnreachableFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(IdpUnreachableFilter.class);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (AuthenticationServiceException ex) {
			if (response.isCommitted()) {
				throw ex;
			}
			log.warn("Cannot check a bearer token: {}", ex.getMessage());
			response.resetBuffer();
			response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		}
	}

}
