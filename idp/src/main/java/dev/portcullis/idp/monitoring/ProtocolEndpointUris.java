package dev.portcullis.idp.monitoring;

import java.util.Set;

import io.micrometer.common.KeyValue;

import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * The OpenID Connect endpoints are answered by Spring Security's filters, not by controllers, so Spring's HTTP
 * server metrics would file every one of them under {@code uri="UNKNOWN"} (or REDIRECTION) and the token endpoint's latency could not
 * be told from the authorize endpoint's. This names them by their path: a fixed list from the authorization
 * server's settings, so no request can add a tag value of its own.
 */
final class ProtocolEndpointUris extends DefaultServerRequestObservationConvention {

	private static final Set<String> NO_PATTERN = Set.of("UNKNOWN", "REDIRECTION", "NOT_FOUND");

	private final Set<String> endpoints;

	ProtocolEndpointUris(AuthorizationServerSettings settings) {
		this.endpoints = Set.of(settings.getAuthorizationEndpoint(), settings.getTokenEndpoint(),
				settings.getTokenIntrospectionEndpoint(), settings.getTokenRevocationEndpoint(),
				settings.getJwkSetEndpoint(), settings.getOidcUserInfoEndpoint(), settings.getOidcLogoutEndpoint(),
				settings.getOidcClientRegistrationEndpoint(), "/.well-known/openid-configuration",
				"/.well-known/oauth-authorization-server");
	}

	@Override
	protected KeyValue uri(ServerRequestObservationContext context) {
		KeyValue uri = super.uri(context);
		// what Spring names a request no controller pattern matched (by its status: 3xx, 404, anything else)
		if (!NO_PATTERN.contains(uri.getValue())) {
			return uri;
		}
		String path = context.getCarrier().getRequestURI().substring(context.getCarrier().getContextPath().length());
		return this.endpoints.contains(path) ? KeyValue.of(uri.getKey(), path) : uri;
	}

}
