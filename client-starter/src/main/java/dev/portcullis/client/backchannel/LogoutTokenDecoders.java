package dev.portcullis.client.backchannel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * One decoder per registration: the IdP's keys from the {@code jwks_uri} of its discovery document (fetched on
 * first use, refetched for an unknown {@code kid}), {@code typ} {@code logout+jwt} or {@code JWT}, {@code exp} and
 * {@code nbf} with Spring's 60 seconds of clock skew, and the {@link LogoutTokenValidator} rules.
 */
final class LogoutTokenDecoders {

	private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

	JwtDecoder decoderFor(ClientRegistration registration) {
		return this.decoders.computeIfAbsent(registration.getRegistrationId(), (id) -> create(registration));
	}

	private static JwtDecoder create(ClientRegistration registration) {
		JwtTypeValidator type = new JwtTypeValidator("JWT", "logout+jwt");
		type.setAllowEmpty(true);
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
			.build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(type, new LogoutTokenValidator(
				registration.getProviderDetails().getIssuerUri(), registration.getClientId())));
		return decoder;
	}

}
