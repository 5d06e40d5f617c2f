package dev.portcullis.client.backchannel;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * One decoder per registration: the IdP's keys from the {@code jwks_uri} of its discovery document (fetched on
 * first use, refetched for an unknown {@code kid}), {@code typ} {@code logout+jwt} or {@code JWT}, {@code exp} and
 * {@code nbf} with Spring's 60 seconds of clock skew, and the {@link LogoutTokenValidator} rules.
 */
final class LogoutTokenDecoders {

	private static final MappedJwtClaimSetConverter CLAIMS = MappedJwtClaimSetConverter.withDefaults(Map.of());

	private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

	JwtDecoder decoderFor(ClientRegistration registration) {
		return this.decoders.computeIfAbsent(registration.getRegistrationId(), (id) -> create(registration));
	}

	private static JwtDecoder create(ClientRegistration registration) {
		JwtTypeValidator type = new JwtTypeValidator("JWT", "logout+jwt");
		type.setAllowEmpty(true);
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
			.build();
		decoder.setClaimSetConverter(LogoutTokenDecoders::convertClaims);
		decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(type, new LogoutTokenValidator(
				registration.getProviderDetails().getIssuerUri(), registration.getClientId())));
		return decoder;
	}

	/**
	 * Spring's claim conversion, except that it does not make up an {@code iat} (exp minus a second) for a token
	 * that has none: the spec requires the IdP to send it, so its absence must reach the validator.
	 */
	private static Map<String, Object> convertClaims(Map<String, Object> claims) {
		Map<String, Object> converted = new HashMap<>(CLAIMS.convert(claims));
		if (claims.get(JwtClaimNames.IAT) == null) {
			converted.remove(JwtClaimNames.IAT);
		}
		return converted;
	}

}
