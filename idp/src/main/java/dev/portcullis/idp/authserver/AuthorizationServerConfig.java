package dev.portcullis.idp.authserver;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.clients.ClientSecretEncoder;
import dev.portcullis.idp.clients.DynamicClientRegistration;
import dev.portcullis.idp.clients.EnabledClientsOnly;
import dev.portcullis.idp.keys.KeyProperties;
import dev.portcullis.idp.mfa.SecondFactorPolicy;
import dev.portcullis.idp.mfa.SecondFactorSignIn;
import dev.portcullis.idp.mfa.SignInFactors;
import dev.portcullis.idp.security.SecurityHeaders;
import dev.portcullis.idp.signout.EndSessionResponses;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationProvider;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The OpenID Connect endpoints (discovery, JWKS, authorize, token, userinfo, introspection, revocation,
 * end-session), in their own filter chain ahead of the sign-in pages.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

	static final String CONSENT_PAGE = "/oauth2/consent";

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http, ClientSecretEncoder secretEncoder,
			EndSessionResponses endSessionResponses, RegisteredClientRepository registeredClientRepository,
			DynamicClientRegistration dynamicClientRegistration, KeyProperties keyProperties,
			JWKSource<SecurityContext> keys, JwtDecoder jwtDecoder, AuthorizationServerSettings settings,
			SecondFactorPolicy secondFactors) throws Exception {
		http.oauth2AuthorizationServer((authorizationServer) -> {
			http.securityMatcher(authorizationServer.getEndpointsMatcher());
			// The protocol endpoints do not know disabled apps (grants still find them by id).
			authorizationServer.registeredClientRepository(new EnabledClientsOnly(registeredClientRepository));
			authorizationServer.oidc((oidc) -> dynamicClientRegistration.applyTo(oidc
				.providerConfigurationEndpoint((discovery) -> discovery.providerConfigurationCustomizer(
						(metadata) -> metadata.scope(OidcScopes.PROFILE)
							.scope(OidcScopes.EMAIL)
							.idTokenSigningAlgorithms((algorithms) -> signingAlgorithms(keyProperties, algorithms))
							.claim("acr_values_supported", SignInFactors.ACR_VALUES)
							.claim("backchannel_logout_supported", true)
							.claim("backchannel_logout_session_supported", true)))
				.logoutEndpoint((logout) -> logout
					// An unregistered post_logout_redirect_uri must not stop the sign-out: it is checked when
					// answering (EndSessionResponses), and only ever decides where the browser goes.
					.authenticationProviders((providers) -> providers.forEach((provider) -> {
						if (provider instanceof OidcLogoutAuthenticationProvider endSession) {
							endSession.setAuthenticationValidator((context) -> {
							});
						}
					}))
					.logoutResponseHandler(endSessionResponses.signedOut())
					.errorResponseHandler(endSessionResponses.refused()))))
				.authorizationEndpoint((authorize) -> authorize.consentPage(CONSENT_PAGE)
					.authenticationProviders((providers) -> providers.forEach((provider) -> {
						if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codeRequest) {
							codeRequest.setAuthorizationConsentRequired(ConsentPolicy::consentRequired);
						}
					})))
				.clientAuthentication((clientAuthentication) -> clientAuthentication
					.authenticationProviders((providers) -> providers.forEach((provider) -> {
						if (provider instanceof ClientSecretAuthenticationProvider clientSecret) {
							clientSecret.setPasswordEncoder(secretEncoder);
						}
					})))
				.tokenIntrospectionEndpoint((introspection) -> introspection.authenticationProviders(
						(providers) -> providers.replaceAll(IntrospectionPolicy::new)));
		});
		http.addFilterBefore(new AuthenticationRequestPrompts(idTokenHints(keys), registeredClientRepository,
				secondFactors, Clock.systemUTC()), AuthorizationFilter.class);
		http.authorizeHttpRequests((authorize) -> authorize
			// A person's second factor, the app's requirement and acr_values (step-up): SecondFactorPolicy.
			.requestMatchers(settings.getAuthorizationEndpoint())
			.access(secondFactors.authorizationRequests())
			.anyRequest()
			.authenticated())
			// A browser that is not signed in goes to the sign-in page; API callers get a 401.
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
					new LoginUrlAuthenticationEntryPoint("/login"), browsers()))
			.exceptionHandling(SecondFactorSignIn.missingSecondFactor())
			// Bearer access tokens at userinfo and client registration only (ProtocolBearerTokens).
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.bearerTokenResolver(ProtocolBearerTokens.onlyAt(Set.of(settings.getOidcUserInfoEndpoint(),
						settings.getOidcClientRegistrationEndpoint())))
				.jwt((jwt) -> jwt.decoder(ProtocolBearerTokens.accessTokensOnly(jwtDecoder, settings.getIssuer()))))
			.headers(SecurityHeaders.contentSecurityPolicy());
		return http.build();
	}

	/** Verifies that an {@code id_token_hint} was signed by one of our keys; an expired one is still a hint. */
	private static JwtDecoder idTokenHints(JWKSource<SecurityContext> keys) {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
				keys));
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		decoder.setJwtValidator((jwt) -> OAuth2TokenValidatorResult.success());
		return decoder;
	}

	/** The configured algorithm, and RS256, which keys made before a change of algorithm still use. */
	private static void signingAlgorithms(KeyProperties keys, List<String> algorithms) {
		algorithms.clear();
		algorithms.add(keys.algorithm().name());
		if (keys.algorithm() != KeyProperties.Algorithm.RS256) {
			algorithms.add(KeyProperties.Algorithm.RS256.name());
		}
	}

	/** Requests that accept HTML by name; a bare Accept of *&#47;* (curl, API clients) does not count. */
	private static MediaTypeRequestMatcher browsers() {
		MediaTypeRequestMatcher matcher = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		matcher.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		return matcher;
	}

	/** Ahead of sessions and security, behind the HTTP server metrics (order highest + 1). */
	@Bean
	FilterRegistrationBean<PublicDocumentCache> publicDocumentCache() {
		FilterRegistrationBean<PublicDocumentCache> registration = new FilterRegistrationBean<>(
				new PublicDocumentCache(Duration.ofSeconds(60), Clock.systemUTC()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		registration.addUrlPatterns(PublicDocumentCache.PATHS.toArray(String[]::new));
		return registration;
	}

	@Bean
	HashedTokenAuthorizationService authorizationService(JdbcOperations jdbcOperations,
			RegisteredClientRepository registeredClientRepository, PlatformTransactionManager transactionManager,
			AuditLog auditLog) {
		return new HashedTokenAuthorizationService(jdbcOperations, registeredClientRepository, transactionManager,
				auditLog);
	}

	@Bean
	OAuth2AuthorizationConsentService authorizationConsentService(JdbcOperations jdbcOperations,
			RegisteredClientRepository registeredClientRepository) {
		return new JdbcOAuth2AuthorizationConsentService(jdbcOperations, registeredClientRepository);
	}

}
