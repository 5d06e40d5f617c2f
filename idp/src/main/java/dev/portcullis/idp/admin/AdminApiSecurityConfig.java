package dev.portcullis.idp.admin;

import dev.portcullis.idp.mfa.SecondFactorPolicy;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The admin REST API's filter chain, between the protocol endpoints (first) and the pages (order 2): stateless,
 * bearer access tokens issued by this IdP with the scope {@code portcullis.admin} (automation gets one with client
 * credentials), no cookies and so no CSRF. Its OpenAPI document is public.
 */
@Configuration(proxyBeanMethods = false)
class AdminApiSecurityConfig {

	@Bean
	@Order(1)
	SecurityFilterChain adminApiSecurityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder,
			OAuth2AuthorizationService authorizations, RegisteredClientRepository clients, AdminAccess adminAccess,
			AuthorizationServerSettings settings, JsonMapper json, SecondFactorPolicy secondFactors) throws Exception {
		ProblemResponses problems = new ProblemResponses(json);
		AdminTokenAuthentication tokens = new AdminTokenAuthentication(settings.getIssuer(), authorizations, clients,
				adminAccess, secondFactors);
		http.securityMatcher(AdminApi.BASE + "/**")
			.authorizeHttpRequests((authorize) -> authorize
				.requestMatchers(HttpMethod.GET, AdminApi.BASE + "/openapi.json", AdminApi.BASE + "/openapi.json/**")
				.permitAll()
				.anyRequest()
				.hasAuthority("SCOPE_" + AdminApi.SCOPE))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(tokens))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems));
		return http.build();
	}

}
