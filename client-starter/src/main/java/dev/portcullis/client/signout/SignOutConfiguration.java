package dev.portcullis.client.signout;

import dev.portcullis.client.PortcullisClientProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.template.TemplateAvailabilityProviders;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;

/** Sign-out: POST /logout ends the session here and at the IdP (RP-initiated logout); GET /logout asks first. */
@Configuration(proxyBeanMethods = false)
public class SignOutConfiguration {

	/**
	 * Sends the browser to the IdP's end-session endpoint with the ID token as hint and
	 * {@code post-logout-redirect-uri}, which the IdP follows only when it is registered for this app.
	 */
	@Bean
	@ConditionalOnMissingBean(LogoutSuccessHandler.class)
	LogoutSuccessHandler portcullisLogoutSuccessHandler(ClientRegistrationRepository registrations,
			PortcullisClientProperties properties) {
		OidcClientInitiatedLogoutSuccessHandler handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
		handler.setPostLogoutRedirectUri(properties.getPostLogoutRedirectUri());
		// A session that was not an OIDC sign-in (or already expired) has nothing to end at the IdP.
		handler.setDefaultTargetUrl(properties.getLandingPage());
		return handler;
	}

	@Bean
	SignOutPageController portcullisSignOutPageController(ApplicationContext context,
			PortcullisClientProperties properties) {
		boolean appHasTemplate = new TemplateAvailabilityProviders(context).getProvider("logout", context) != null;
		return new SignOutPageController(appHasTemplate, properties.getLandingPage());
	}

}
