package dev.portcullis.idp.mfa;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238, on HOTP, RFC 4226): the code of a time step is the truncated HMAC of the
 * step number. Authenticator apps use HMAC-SHA1, 6 digits and 30-second steps, which is what
 * {@link #AUTHENTICATOR_APPS} is; the other algorithms are here for RFC 6238's own test vectors.
 */
public record Totp(String macAlgorithm, int digits, long stepSeconds) {

	public static final Totp AUTHENTICATOR_APPS = new Totp("HmacSHA1", 6, 30);

	private static final int[] POWERS_OF_TEN = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
			100_000_000 };

	public Totp {
		if (digits < 6 || digits > 8) {
			throw new IllegalArgumentException("RFC 4226 codes have 6 to 8 digits");
		}
	}

	/** The time step an instant falls in (RFC 6238, section 4.2: T0 = 0). */
	public long step(Instant at) {
		return Math.floorDiv(at.getEpochSecond(), this.stepSeconds);
	}

	/** The code of one time step, zero-padded to {@link #digits}. */
	public String code(byte[] secret, long step) {
		try {
			Mac mac = Mac.getInstance(this.macAlgorithm);
			mac.init(new SecretKeySpec(secret, "RAW"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
			// Dynamic truncation (RFC 4226, section 5.3).
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			String code = Integer.toString(binary % POWERS_OF_TEN[this.digits]);
			return "0".repeat(this.digits - code.length()) + code;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(this.macAlgorithm + " is part of every JRE", ex);
		}
	}

	/**
	 * The step whose code this is, looking one step either side of now (RFC 6238, section 5.2: a phone's clock a
	 * little off, a code typed as it changed), or -1. Compared in constant time.
	 */
	public long matchingStep(byte[] secret, String code, Instant now) {
		long current = step(now);
		long found = -1;
		for (long step = current - 1; step <= current + 1; step++) {
			if (MessageDigest.isEqual(code(secret, step).getBytes(StandardCharsets.US_ASCII),
					code.getBytes(StandardCharsets.US_ASCII))) {
				found = step;
			}
		}
		return found;
	}

}
