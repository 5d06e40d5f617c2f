package dev.portcullis.idp.keys;

import java.time.Instant;

import com.nimbusds.jose.jwk.JWK;

/**
 * One signing key. It is published in the JWKS from creation until {@code retiredAt}, and signs between
 * {@code activatedAt} and the activation of its successor.
 */
record SigningKey(String kid, JWK jwk, Instant createdAt, Instant activatedAt, Instant retiredAt) {

	boolean isActiveAt(Instant now) {
		return this.activatedAt != null && !this.activatedAt.isAfter(now);
	}

}
