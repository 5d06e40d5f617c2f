package dev.portcullis.idp.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Counts the token endpoint's and the introspection endpoint's successes. Issuing a token is the hot path and is not
 * audited, so these come from Spring Security's own authentication events (as {@code clients.ClientUsageRecorder}'s
 * "last used" does). The grant type is the request's {@code grant_type}, counted only when it is one the app is
 * registered for: a request that got tokens used one of those, and no caller can invent a tag value.
 */
@Component
class TokenMeters {

	private final MeterRegistry registry;

	TokenMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	@EventListener
	void onSuccess(AuthenticationSuccessEvent event) {
		if (event.getAuthentication() instanceof OAuth2AccessTokenAuthenticationToken tokens) {
			RegisteredClient client = tokens.getRegisteredClient();
			Counter.builder(PortcullisMeters.TOKENS_ISSUED)
				.description("Token responses by grant type and client")
				.tag("grant_type", grantType(client))
				.tag("client", client.getClientId())
				.register(this.registry)
				.increment();
		}
		else if (event.getAuthentication() instanceof OAuth2TokenIntrospectionAuthenticationToken introspection
				&& introspection.getPrincipal() instanceof OAuth2ClientAuthenticationToken caller
				&& caller.getRegisteredClient() != null) {
			Counter.builder(PortcullisMeters.INTROSPECTIONS)
				.description("Token introspections by asking client and answer")
				.tag("client", caller.getRegisteredClient().getClientId())
				.tag("active", String.valueOf(introspection.getTokenClaims().isActive()))
				.register(this.registry)
				.increment();
		}
	}

	private static String grantType(RegisteredClient client) {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		String requested = (attributes instanceof ServletRequestAttributes servlet)
				? requestedGrantType(servlet.getRequest()) : null;
		if (requested != null
				&& client.getAuthorizationGrantTypes().contains(new AuthorizationGrantType(requested))) {
			return requested;
		}
		return "other";
	}

	private static String requestedGrantType(HttpServletRequest request) {
		return request.getParameter(OAuth2ParameterNames.GRANT_TYPE);
	}

}
