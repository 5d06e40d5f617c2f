package dev.portcullis.dashboard.signin;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring's back-channel logout receiver answers 400 to a logout token it rejects, except for a few
 * that are properly signed but whose claims have the wrong shape (no {@code iss}, an {@code iss}
 * that is not a URL, {@code events} or its back-channel member not a JSON object): those escape as
 * exceptions, a 500 and a stack trace in the log. Back-Channel Logout 1.0 (2.8) wants 400 for any
 * invalid request, so this answers 400 for them. Anything else, such as the IdP's keys being
 * unreachable, still fails as before.
 */
final class MalformedLogoutTokenFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(MalformedLogoutTokenFilter.class);

	private final RequestMatcher endpoint = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, "/logout/connect/back-channel/{registrationId}");

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.endpoint.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (AuthenticationServiceException | IllegalArgumentException ex) {
			if (!isMalformedClaim(ex) || response.isCommitted()) {
				throw ex;
			}
			log.warn("Rejected a malformed logout token: {}", ex.getMessage());
			response.resetBuffer();
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			new OAuth2ErrorHttpMessageConverter().write(
					new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "The logout token's claims are malformed",
							"https://openid.net/specs/openid-connect-backchannel-1_0.html#Validation"),
					null, new ServletServerHttpResponse(response));
		}
	}

	/** Claim conversion and validation fail with these; fetching keys and the like do not. */
	private static boolean isMalformedClaim(RuntimeException ex) {
		Throwable cause = (ex instanceof AuthenticationServiceException) ? ex.getCause() : ex;
		return cause instanceof IllegalArgumentException || cause instanceof NullPointerException;
	}

}
