package dev.portcullis.idp.keys;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Signing key rotation.
 *
 * @param rotationInterval how long a key signs before its successor takes over
 * @param publishAhead how long before it signs a new key is published in the JWKS, so every verifier has fetched
 * it first (Spring's resource servers re-read the JWKS every 5 minutes, and at once on an unknown key id)
 * @param retainAfter how long a key stays published after its successor took over, so what it signed can still be
 * verified (longer than the longest token lifetime)
 */
@ConfigurationProperties("portcullis.keys")
public record KeyProperties(Duration rotationInterval, Duration publishAhead, Duration retainAfter) {

}
