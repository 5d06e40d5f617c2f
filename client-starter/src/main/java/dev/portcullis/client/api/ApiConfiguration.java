package dev.portcullis.client.api;

import java.util.ArrayList;
import java.util.List;

import dev.portcullis.client.PortcullisClientProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;

/**
 * The app's API ({@code portcullis.client.api.paths}, default {@code /api/**}): other apps call it with an access
 * token the IdP issued to them. Its own chain, ahead of the browser one, so a caller gets a 401 with
 * {@code WWW-Authenticate} instead of a redirect to sign in, a token without the API's scope gets 403
 * {@code insufficient_scope}, and nothing here creates a session or needs a CSRF token.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "portcullis.client.api.enabled", matchIfMissing = true)
public class ApiConfiguration {

	// Spring Security 7 points every 401 at this RFC 9728 metadata document; it must be served by this chain, or
	// the browser chain would answer it with a redirect to sign in.
	private static final String RESOURCE_METADATA = "/.well-known/oauth-protected-resource/**";

	@Bean
	@ConditionalOnMissingBean(JwtDecoder.class)
	JwtDecoder jwtDecoder(ClientRegistrationRepository registrations, PortcullisClientProperties properties) {
		return new LazyJwtDecoder(registrations, properties.getRegistrationId(), properties.getApi().getAudiences());
	}

	@Bean
	@Order(1)
	@ConditionalOnMissingBean(name = "portcullisApiSecurityFilterChain")
	SecurityFilterChain portcullisApiSecurityFilterChain(HttpSecurity http, PortcullisClientProperties properties)
			throws Exception {
		String scope = apiScope(properties);
		List<String> paths = new ArrayList<>(properties.getApi().getPaths());
		paths.add(RESOURCE_METADATA);
		http.securityMatcher(paths.toArray(String[]::new))
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().hasAuthority("SCOPE_" + scope))
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults())
				.protectedResourceMetadata((metadata) -> metadata.protectedResourceMetadataCustomizer(
						(document) -> document.authorizationServer(properties.getIssuer()).scope(scope))))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.addFilterBefore(new IdpUnreachableFilter(), BearerTokenAuthenticationFilter.class);
		return http.build();
	}

	/** The scope a caller must have been granted: portcullis.client.api.scope, else the client id + ".api". */
	static String apiScope(PortcullisClientProperties properties) {
		String scope = properties.getApi().getScope();
		return StringUtils.hasText(scope) ? scope : properties.getClientId() + ".api";
	}

}
