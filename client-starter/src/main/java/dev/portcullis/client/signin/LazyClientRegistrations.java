package dev.portcullis.client.signin;

import dev.portcullis.client.PortcullisClientProperties;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.SupplierClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The app's one registration at the IdP, built from {@code portcullis.client.*} and the IdP's discovery document.
 * Boot's own repository reads that document while the context starts, so an app would refuse to start whenever the
 * IdP is down; start order must not matter, so it is read when a registration is first needed (the first sign-in,
 * logout token or API call). {@link SupplierClientRegistrationRepository} keeps the first success only: while the
 * IdP is down the supplier throws {@link IdpUnavailableException}, nothing is kept, and the next request tries again.
 */
final class LazyClientRegistrations {

	private LazyClientRegistrations() {
	}

	static SupplierClientRegistrationRepository repository(PortcullisClientProperties properties) {
		return new SupplierClientRegistrationRepository(
				() -> new InMemoryClientRegistrationRepository(resolve(properties)));
	}

	private static ClientRegistration resolve(PortcullisClientProperties properties) {
		ClientRegistration.Builder builder;
		try {
			// Checks that the document's issuer is this one, character for character.
			builder = ClientRegistrations.fromIssuerLocation(properties.getIssuer());
		}
		catch (RuntimeException ex) {
			throw new IdpUnavailableException(properties.getIssuer(), ex);
		}
		return builder.registrationId(properties.getRegistrationId())
			.clientName("Portcullis")
			.clientId(properties.getClientId())
			.clientSecret(properties.getClientSecret())
			.clientAuthenticationMethod(new ClientAuthenticationMethod(properties.getClientAuthenticationMethod()))
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(properties.getRedirectUri())
			.scope(properties.getScopes())
			.userNameAttributeName(properties.getUserNameAttribute())
			.build();
	}

}
