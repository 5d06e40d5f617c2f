package dev.portcullis.idp.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Secrets at rest. Private signing keys: with a key configured ({@code PORTCULLIS_KEY_ENCRYPTION_KEY}, 32 random bytes in
 * base64, kept outside the database), each stored JWK is sealed with AES-256-GCM, so a copy of the database or a
 * backup cannot sign tokens. Without one, keys are stored as JWK JSON and the IdP warns at start (outside the demo
 * profile). A key stored sealed and no key, or the wrong key, stops the IdP with a message that says so.
 * <p>
 * Other secrets the IdP must read back (authenticator-app secrets) are sealed the same way through
 * {@link #sealSecret} and {@link #openSecret}, each bound to its purpose, so a value sealed for one column cannot be
 * replayed into another.
 */
@Component
public class KeyEncryption {

	static final String PREFIX = "aes256gcm:";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	/** Binds a sealed value to its purpose: it cannot be moved into another field that is sealed with this key. */
	private static final byte[] ASSOCIATED_DATA = "portcullis signing key".getBytes(StandardCharsets.US_ASCII);

	private final SecretKeySpec key;

	private final SecureRandom random = new SecureRandom();

	KeyEncryption(@Value("${PORTCULLIS_KEY_ENCRYPTION_KEY:${portcullis.keys.encryption-key:}}") String configured) {
		this.key = configured.isBlank() ? null : new SecretKeySpec(decode(configured.trim()), "AES");
	}

	boolean enabled() {
		return this.key != null;
	}

	/** What to store for a JWK's JSON: sealed when a key is configured. */
	String seal(String jwkJson) {
		return seal(jwkJson, ASSOCIATED_DATA);
	}

	/** The JWK JSON of what was stored, sealed or not. */
	String open(String stored) {
		return open(stored, ASSOCIATED_DATA);
	}

	/**
	 * What to store for another secret the IdP must read back: sealed when a key is configured, as it is.
	 * @param purpose names the use (for example {@code "authenticator-app"}); opening needs the same purpose
	 */
	public String sealSecret(String secret, String purpose) {
		return seal(secret, purposeData(purpose));
	}

	/** The secret stored by {@link #sealSecret} for the same purpose. */
	public String openSecret(String stored, String purpose) {
		return open(stored, purposeData(purpose));
	}

	private static byte[] purposeData(String purpose) {
		return ("portcullis " + purpose).getBytes(StandardCharsets.US_ASCII);
	}

	private String seal(String plain, byte[] associatedData) {
		if (this.key == null) {
			return plain;
		}
		try {
			byte[] iv = new byte[IV_BYTES];
			this.random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(associatedData);
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			byte[] stored = new byte[IV_BYTES + sealed.length];
			System.arraycopy(iv, 0, stored, 0, IV_BYTES);
			System.arraycopy(sealed, 0, stored, IV_BYTES, sealed.length);
			return PREFIX + Base64.getEncoder().encodeToString(stored);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is part of every JRE", ex);
		}
	}

	private String open(String stored, byte[] associatedData) {
		if (!isSealed(stored)) {
			return stored;
		}
		if (this.key == null) {
			throw new IllegalStateException("The signing keys are stored encrypted, and no key to open them is "
					+ "configured: set PORTCULLIS_KEY_ENCRYPTION_KEY to the key they were encrypted with");
		}
		try {
			byte[] bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
			cipher.updateAAD(associatedData);
			return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("A stored signing key does not open with the configured "
					+ "PORTCULLIS_KEY_ENCRYPTION_KEY: it was encrypted with another key (see docs/operations.md, "
					+ "key backup and recovery)");
		}
	}

	static boolean isSealed(String stored) {
		return stored.startsWith(PREFIX);
	}

	private static byte[] decode(String configured) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(configured);
		}
		catch (IllegalArgumentException ex) {
			bytes = new byte[0];
		}
		if (bytes.length != 32) {
			throw new IllegalStateException("PORTCULLIS_KEY_ENCRYPTION_KEY must be 32 random bytes in base64, "
					+ "such as the output of: openssl rand -base64 32");
		}
		return bytes;
	}

}
