package dev.portcullis.dashboard.signin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.client.OidcBackChannelLogoutHandler;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.oidc.session.InMemoryOidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.session.OidcSessionRegistry;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * Browser sign-in: every page but the public ones needs an IdP session, sign-out ends both the
 * local and the IdP session, and the IdP can end a local session through back-channel logout.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfig {

	static final String REGISTRATION_ID = "portcullis";

	// Going straight to the authorization endpoint skips Spring's login chooser page, which
	// would also iterate (and so resolve) the client registrations.
	static final String SIGN_IN_URL = "/oauth2/authorization/" + REGISTRATION_ID;

	private static final Logger log = LoggerFactory.getLogger(WebSecurityConfig.class);

	@Bean
	@Order(2)
	SecurityFilterChain webSecurityFilterChain(HttpSecurity http, ClientRegistrationRepository registrations,
			@Value("${portcullis.client.post-logout-redirect-uri:{baseUrl}/welcome}") String postLogoutRedirectUri)
			throws Exception {
		http.authorizeHttpRequests((authorize) -> authorize
				.requestMatchers("/welcome", "/css/**", "/favicon.ico", "/error", "/actuator/health",
						"/actuator/health/**")
				.permitAll()
				// The sign-out page: a visitor who is not signed in is sent to /welcome, not to sign in first.
				.requestMatchers(HttpMethod.GET, "/logout")
				.permitAll()
				.anyRequest()
				.authenticated())
			.oauth2Login((login) -> login.loginPage(SIGN_IN_URL)
				// The default failure URL is loginPage?error, which would send the browser
				// straight back to the IdP and could loop; land on the public page instead.
				.failureHandler(new SimpleUrlAuthenticationFailureHandler("/welcome?error"))
				.withObjectPostProcessor(idpUnavailablePage()))
			.logout((logout) -> logout.logoutSuccessHandler(rpInitiatedLogout(registrations, postLogoutRedirectUri)))
			.oidcLogout((logout) -> logout.backChannel(Customizer.withDefaults()))
			// Ahead of the back-channel logout receiver (which Spring puts just before CsrfFilter).
			.addFilterAfter(new MalformedLogoutTokenFilter(), HeaderWriterFilter.class);
		return http.build();
	}

	/**
	 * @param postLogoutRedirectUri sent to the IdP, which sends the browser back there only when it is registered
	 * for this app character for character (else it shows its own "You are signed out" page); the key is the one
	 * the console's snippet shows.
	 */
	private static OidcClientInitiatedLogoutSuccessHandler rpInitiatedLogout(ClientRegistrationRepository registrations,
			String postLogoutRedirectUri) {
		OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
		handler.setPostLogoutRedirectUri(postLogoutRedirectUri);
		// A session that was not an OIDC sign-in (or already expired) has nothing to end at the IdP.
		handler.setDefaultTargetUrl("/welcome");
		return handler;
	}

	/**
	 * Building the authorization request is where the lazily resolved registration first needs
	 * the IdP's discovery document; when the IdP is down Spring answers a bare 500 and logs a
	 * stack trace. Say 503 instead, so the error page can tell the visitor to try again.
	 */
	private static ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter> idpUnavailablePage() {
		AuthenticationFailureHandler unavailable = (request, response, exception) -> {
			if (exception.getCause() instanceof IdpUnavailableException idpDown) {
				log.warn("Cannot start sign-in: {}", idpDown.getMessage());
				response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
			}
			else {
				// Such as an unknown registration id in the URL: the visitor's mistake, not ours.
				log.debug("Cannot start sign-in", exception);
				response.sendError(HttpStatus.BAD_REQUEST.value());
			}
		};
		return new ObjectPostProcessor<>() {
			@Override
			public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
				filter.setAuthenticationFailureHandler(unavailable);
				return filter;
			}
		};
	}

	/**
	 * Tokens live in the HTTP session, so they are gone as soon as the session ends, including
	 * when the IdP ends it through back-channel logout.
	 */
	@Bean
	OAuth2AuthorizedClientRepository authorizedClientRepository() {
		return new HttpSessionOAuth2AuthorizedClientRepository();
	}

	/**
	 * Gets (and refreshes) the signed-in user's access token for calls to other apps' APIs. Its
	 * default providers cover what this app uses: authorization code and refresh token.
	 */
	@Bean
	OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
			OAuth2AuthorizedClientRepository authorizedClients) {
		return new DefaultOAuth2AuthorizedClientManager(registrations, authorizedClients);
	}

	// One registry shared by oauth2Login (which records each sign-in's IdP session id) and the
	// back-channel logout handler (which looks sessions up by it).
	@Bean
	OidcSessionRegistry oidcSessionRegistry() {
		return new InMemoryOidcSessionRegistry();
	}

	/**
	 * The back-channel handler ends a session by calling this app with the session cookie; it
	 * assumes JSESSIONID, but this app renames its cookie so the apps on one host do not collide.
	 */
	@Bean
	OidcBackChannelLogoutHandler oidcBackChannelLogoutHandler(OidcSessionRegistry sessions,
			@Value("${server.servlet.session.cookie.name:JSESSIONID}") String sessionCookieName) {
		OidcBackChannelLogoutHandler handler = new OidcBackChannelLogoutHandler(sessions);
		handler.setSessionCookieName(sessionCookieName);
		return handler;
	}

}
