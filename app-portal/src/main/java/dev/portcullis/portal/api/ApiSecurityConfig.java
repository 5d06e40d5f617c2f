package dev.portcullis.portal.api;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The portal's API: other apps call it with an access token the IdP issued to them. Its own
 * chain, ahead of the browser one, so an API caller gets a 401 with {@code WWW-Authenticate}
 * instead of a redirect to sign in, and nothing here creates a session or needs a CSRF token.
 *
 * <p>The token is checked against the IdP's JWKS ({@code jwk-set-uri}, fetched on first use)
 * and issuer ({@code issuer-uri}, compared only: with a JWK set URI Boot does not fetch the
 * discovery document), see application.yml.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfig {

	/** The scope a client must have been granted to call this app's API. */
	static final String API_SCOPE = "portal.api";

	// Spring Security 7 points every 401 at this RFC 9728 metadata document; it must be served
	// by this chain, or the browser chain would answer it with a redirect to sign in.
	private static final String RESOURCE_METADATA = "/.well-known/oauth-protected-resource/**";

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, @Value("${portcullis.issuer}") String issuer)
			throws Exception {
		http.securityMatcher("/api/**", RESOURCE_METADATA)
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().hasAuthority("SCOPE_" + API_SCOPE))
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults())
				.protectedResourceMetadata((metadata) -> metadata.protectedResourceMetadataCustomizer(
						(document) -> document.authorizationServer(issuer).scope(API_SCOPE))))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable);
		return http.build();
	}

}
