package dev.portcullis.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Logout tokens as the real IdP sends them (OpenID Connect Back-Channel Logout 1.0, 2.4): header
 * {@code typ: logout+jwt} and the IdP's {@code kid}; iss, aud, iat, exp (iat + 2 min), jti, sub,
 * sid, events; no nonce. Each method changes one thing, so a test states only what is wrong.
 */
public final class LogoutTokens {

	public static final String BACK_CHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

	private final JWTClaimsSet.Builder claims;

	private RSAKey key;

	private LogoutTokens(FakeIdp idp, String sid) {
		Instant now = Instant.now();
		this.key = idp.key;
		this.claims = new JWTClaimsSet.Builder().issuer(idp.issuer)
			.audience(List.of(idp.clientId))
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(120)))
			.jwtID(UUID.randomUUID().toString())
			.subject("user-1")
			.claim("sid", sid)
			.claim("events", Map.of(BACK_CHANNEL_LOGOUT_EVENT, Map.of()));
	}

	/** A valid logout token for the IdP session {@code sid}, signed with the IdP's key. */
	public static LogoutTokens forSession(FakeIdp idp, String sid) {
		return new LogoutTokens(idp, sid);
	}

	/** Sets (or, with {@code null}, leaves out) a claim. */
	public LogoutTokens claim(String name, Object value) {
		this.claims.claim(name, value);
		return this;
	}

	public LogoutTokens without(String name) {
		return claim(name, null);
	}

	/** Moves iat and exp into the past by {@code age}. */
	public LogoutTokens issuedAgo(Duration age) {
		Instant issued = Instant.now().minus(age);
		this.claims.issueTime(Date.from(issued)).expirationTime(Date.from(issued.plusSeconds(120)));
		return this;
	}

	/** Signs with a freshly made key that carries the IdP key's {@code kid}. */
	public LogoutTokens signedWithAnotherKeyOfTheSameKid() {
		try {
			this.key = new RSAKeyGenerator(2048).keyID(this.key.getKeyID()).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return this;
	}

	public String sign() {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID())
				.type(new JOSEObjectType("logout+jwt"))
				.build(), this.claims.build());
			jwt.sign(new RSASSASigner(this.key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** {@code alg: none}: the claims with no signature at all. */
	public String unsigned() {
		return new PlainJWT(new PlainHeader.Builder().type(new JOSEObjectType("logout+jwt")).build(), this.claims.build())
			.serialize();
	}

	/**
	 * This token, signed, but with {@code other}'s claims swapped in as payload: what a token
	 * tampered with in transit looks like (its signature no longer matches).
	 */
	public String signedButCarrying(LogoutTokens other) {
		String[] parts = sign().split("\\.");
		return parts[0] + "." + Base64URL.encode(other.claims.build().toString()) + "." + parts[2];
	}

}
