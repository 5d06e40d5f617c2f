package dev.portcullis.idp.keys;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signing key rotation.
 *
 * @param rotationInterval how long a key signs before its successor takes over
 * @param publishAhead how long before it signs a new key is published in the JWKS, so every verifier has fetched
 * it first (Spring's resource servers re-read the JWKS every 5 minutes, and at once on an unknown key id)
 * @param retainAfter how long, at least, a key stays published after its successor took over, so what it signed
 * can still be verified. The IdP keeps a key longer when a token it signs lives longer ({@link SignedTokenLifetime}:
 * initial and registration access tokens live up to 30 days), so this never has to be set to match them.
 * @param algorithm what new keys sign with: {@code RS256} (the default, what every OpenID Connect client accepts) or
 * {@code ES256} (a quarter of the signing cost). Changing it schedules a key of the new kind as the next key, with
 * the usual head start, so both are published during the change.
 */
@ConfigurationProperties("portcullis.keys")
public record KeyProperties(Duration rotationInterval, Duration publishAhead, Duration retainAfter,
		@DefaultValue("RS256") Algorithm algorithm) {

	/** The signing algorithms a key may have. */
	public enum Algorithm {

		/** RSA 2048 with SHA-256. */
		RS256,

		/** ECDSA on P-256 with SHA-256. */
		ES256

	}

}
