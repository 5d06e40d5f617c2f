package dev.portcullis.dashboard.signin;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientPropertiesMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.SupplierClientRegistrationRepository;

/**
 * Boot's own repository reads the IdP's discovery document while the context starts, so the
 * app would refuse to start whenever the IdP is down. Start order must not matter, so the very
 * same properties ({@code spring.security.oauth2.client.*}) are mapped by Boot's own mapper, but
 * only when a registration is first needed: the first sign-in.
 *
 * <p>{@link SupplierClientRegistrationRepository} keeps the first successful result only; when
 * the IdP is down the supplier throws, nothing is kept, and the next request tries again.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OAuth2ClientProperties.class)
class LazyClientRegistrationConfig {

	@Bean
	SupplierClientRegistrationRepository clientRegistrationRepository(OAuth2ClientProperties properties) {
		return new SupplierClientRegistrationRepository(() -> resolve(properties));
	}

	private static InMemoryClientRegistrationRepository resolve(OAuth2ClientProperties properties) {
		List<ClientRegistration> registrations;
		try {
			registrations = new ArrayList<>(new OAuth2ClientPropertiesMapper(properties).asClientRegistrations().values());
		}
		catch (RuntimeException ex) {
			throw new IdpUnavailableException(issuers(properties), ex);
		}
		return new InMemoryClientRegistrationRepository(registrations);
	}

	private static String issuers(OAuth2ClientProperties properties) {
		return properties.getProvider()
			.values()
			.stream()
			.map(OAuth2ClientProperties.Provider::getIssuerUri)
			.toList()
			.toString();
	}

}
