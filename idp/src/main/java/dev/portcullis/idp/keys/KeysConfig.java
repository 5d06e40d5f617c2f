package dev.portcullis.idp.keys;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtEncoder;
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

	@Bean
	JwtEncoder jwtEncoder(SigningKeys keys) {
		return new NimbusJwtEncoder((selector, context) -> selector.select(keys.signing()));
	}

}
