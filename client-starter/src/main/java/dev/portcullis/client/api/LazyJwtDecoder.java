package dev.portcullis.client.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.function.SingletonSupplier;

/**
 * Checks the access tokens other apps send to this app's API: signed by the IdP (keys from the {@code jwks_uri} of
 * its discovery document), issued by it, unexpired, and, when {@code portcullis.client.api.audiences} is set, for
 * one of those audiences. Built at the first token, from the same lazily read registration as sign-in, so the API
 * too starts without the IdP.
 */
final class LazyJwtDecoder implements JwtDecoder {

	private final Supplier<JwtDecoder> decoder;

	LazyJwtDecoder(ClientRegistrationRepository registrations, String registrationId, List<String> audiences) {
		this.decoder = SingletonSupplier.of(() -> create(registration(registrations, registrationId), audiences));
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		return this.decoder.get().decode(token);
	}

	private static ClientRegistration registration(ClientRegistrationRepository registrations, String registrationId) {
		try {
			return registrations.findByRegistrationId(registrationId);
		}
		catch (RuntimeException ex) {
			// Not a BadJwtException: the token may be fine, the IdP is what is missing.
			throw new JwtException("Cannot check the token: " + ex.getMessage(), ex);
		}
	}

	private static JwtDecoder create(ClientRegistration registration, List<String> audiences) {
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(new JwtIssuerValidator(registration.getProviderDetails().getIssuerUri()));
		if (!audiences.isEmpty()) {
			validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
					(aud) -> aud != null && aud.stream().anyMatch(audiences::contains)));
		}
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
			.build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(validators));
		return decoder;
	}

}
