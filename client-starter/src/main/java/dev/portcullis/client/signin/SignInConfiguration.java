package dev.portcullis.client.signin;

import java.util.ArrayList;
import java.util.List;

import dev.portcullis.client.PortcullisClientProperties;
import dev.portcullis.client.backchannel.BackChannelLogoutReceiver;
import dev.portcullis.client.backchannel.EndedSessionFilter;
import dev.portcullis.client.backchannel.LogoutRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfFilter;

/**
 * Browser sign-in: every page but the public ones needs a sign-in at the IdP (authorization code with PKCE, state
 * and nonce), sign-out ends both the local and the IdP session, and the IdP can end a local session through
 * back-channel logout. Each bean gives way to one of the app's own.
 */
@Configuration(proxyBeanMethods = false)
public class SignInConfiguration {

	/** The browser chain, after the API chain ({@code @Order(1)}) so it takes every request the API does not. */
	public static final int BROWSER_CHAIN_ORDER = Ordered.LOWEST_PRECEDENCE - 10;

	@Bean
	SessionCookieName portcullisSessionCookieName(PortcullisClientProperties properties) {
		return new SessionCookieName(properties);
	}

	@Bean
	@ConditionalOnMissingBean(ClientRegistrationRepository.class)
	ClientRegistrationRepository clientRegistrationRepository(PortcullisClientProperties properties) {
		return LazyClientRegistrations.repository(properties);
	}

	/**
	 * Tokens live in the HTTP session, so they are gone as soon as the session ends, including when the IdP ends
	 * it through back-channel logout.
	 */
	@Bean
	@ConditionalOnMissingBean(OAuth2AuthorizedClientRepository.class)
	OAuth2AuthorizedClientRepository authorizedClientRepository() {
		return new HttpSessionOAuth2AuthorizedClientRepository();
	}

	/** Gets, and refreshes when it has expired, the signed-in person's access token for calls to other apps. */
	@Bean
	@ConditionalOnMissingBean(OAuth2AuthorizedClientManager.class)
	OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
			OAuth2AuthorizedClientRepository authorizedClients) {
		return new DefaultOAuth2AuthorizedClientManager(registrations, authorizedClients);
	}

	@Bean
	@Order(BROWSER_CHAIN_ORDER)
	@ConditionalOnMissingBean(name = "portcullisBrowserSecurityFilterChain")
	SecurityFilterChain portcullisBrowserSecurityFilterChain(HttpSecurity http, PortcullisClientProperties properties,
			ClientRegistrationRepository registrations, LogoutSuccessHandler logoutSuccess,
			ObjectProvider<LogoutRegistry> logoutRegistry) throws Exception {
		// Going straight to the authorization endpoint skips Spring's login chooser page, which would also
		// iterate (and so resolve) the client registrations.
		String signInUrl = "/oauth2/authorization/" + properties.getRegistrationId();
		List<String> publicPaths = new ArrayList<>(properties.getPublicPaths());
		publicPaths.add("/error");
		http.authorizeHttpRequests((authorize) -> authorize.requestMatchers(publicPaths.toArray(String[]::new))
			.permitAll()
			// The sign-out page: a visitor who is not signed in is sent to the landing page, not to sign in first.
			.requestMatchers(HttpMethod.GET, "/logout")
			.permitAll()
			.anyRequest()
			.authenticated())
			.oauth2Login((login) -> login.loginPage(signInUrl)
				// The default failure URL is loginPage?error, which would send the browser straight back to the
				// IdP and could loop; land on the public page instead.
				.failureHandler(new SimpleUrlAuthenticationFailureHandler(properties.getLandingPage() + "?error"))
				.withObjectPostProcessor(idpUnavailablePage()))
			.logout((logout) -> logout.logoutSuccessHandler(logoutSuccess));
		// Filters of this chain only, not beans: Boot would register filter beans for every request as well.
		logoutRegistry.ifAvailable((registry) -> {
			// A server-to-server POST from the IdP: it has no session and no CSRF token, and needs neither.
			http.addFilterBefore(new BackChannelLogoutReceiver(registrations, registry,
					properties.getBackChannelLogout().getRememberFor()), CsrfFilter.class);
			http.addFilterAfter(new EndedSessionFilter(registry), SecurityContextHolderFilter.class);
		});
		return http.build();
	}

	private static ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter> idpUnavailablePage() {
		return new ObjectPostProcessor<>() {
			@Override
			public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
				filter.setAuthenticationFailureHandler(new IdpUnavailablePage());
				return filter;
			}
		};
	}

}
