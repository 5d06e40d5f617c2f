package dev.portcullis.idp.authserver;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * RFC 6749 (3.1, 3.2): request parameters must not be included more than once. Spring Authorization Server checks
 * that for the parameters of each grant, but only after client authentication, which for a code grant reads
 * {@code code} as a single String: a repeated {@code code} with client_secret_basic was a ClassCastException, a 500.
 * Repeated parameters to the token, introspection and revocation endpoints are answered invalid_request first.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RepeatedParameterFilter extends OncePerRequestFilter {

	private final Set<String> endpoints;

	RepeatedParameterFilter(AuthorizationServerSettings settings) {
		this.endpoints = Set.of(settings.getTokenEndpoint(), settings.getTokenIntrospectionEndpoint(),
				settings.getTokenRevocationEndpoint());
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.endpoints.contains(request.getServletPath());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String repeated = request.getParameterMap()
			.entrySet()
			.stream()
			.filter((parameter) -> parameter.getValue().length > 1)
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse(null);
		if (repeated == null) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		new OAuth2ErrorHttpMessageConverter().write(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "OAuth 2.0 Parameter: " + repeated,
						"https://datatracker.ietf.org/doc/html/rfc6749#section-3.2"),
				null, new ServletServerHttpResponse(response));
	}

}
