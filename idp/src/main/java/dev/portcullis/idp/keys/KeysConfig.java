package dev.portcullis.idp.keys;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.JwsAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Two views of the same keys: the {@link JWKSource} bean is what the JWKS endpoint publishes and what the IdP's
 * own token checks (userinfo) verify against; the {@link JwtEncoder} only ever sees the one active key, so it
 * never has to choose between several keys and always writes that key's {@code kid} in the header.
 */
@Configuration(proxyBeanMethods = false)
class KeysConfig {

	@Bean
	JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
		return (selector, context) -> {
			var found = selector.select(keys.published());
			if (found.isEmpty() && selector.getMatcher().getKeyIDs() != null
					&& !selector.getMatcher().getKeyIDs().isEmpty()) {
				found = selector.select(keys.publishedAfterUnknownKeyId());
			}
			return found;
		};
	}

	/**
	 * Signs with the active key, whatever algorithm the caller asked for: the authorization server always asks for
	 * RS256, and the active key may be an ES256 one ({@code portcullis.keys.algorithm}).
	 */
	@Bean
	JwtEncoder jwtEncoder(SigningKeys keys) {
		NimbusJwtEncoder nimbus = new NimbusJwtEncoder((selector, context) -> selector.select(keys.signing()));
		return (parameters) -> {
			JwsAlgorithm algorithm = SignatureAlgorithm.from(keys.signingAlgorithm().getName());
			JwsHeader header = parameters.getJwsHeader();
			if (header == null || !algorithm.equals(header.getAlgorithm())) {
				JwsHeader.Builder builder = (header != null) ? JwsHeader.from(header) : JwsHeader.with(algorithm);
				header = builder.algorithm(algorithm).build();
				parameters = JwtEncoderParameters.from(header, parameters.getClaims());
			}
			return nimbus.encode(parameters);
		};
	}

}
