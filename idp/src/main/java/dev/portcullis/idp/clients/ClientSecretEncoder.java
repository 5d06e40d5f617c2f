package dev.portcullis.idp.clients;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Client secrets are stored as {@code {sha256}salt$hash}: one salted SHA-256, not a slow password hash. The IdP
 * generates every secret it hands out with 256 random bits, so there is nothing for a slow hash to protect
 * against, while bcrypt on each token request would cost ~85 ms of CPU. Secrets stored in another format (bcrypt
 * from an import, say) still verify, and are re-encoded on their next successful use.
 */
public final class ClientSecretEncoder implements PasswordEncoder {

	static final String PREFIX = "{sha256}";

	private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder B64D = Base64.getUrlDecoder();

	private final SecureRandom random = new SecureRandom();

	private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

	@Override
	public String encode(CharSequence rawSecret) {
		byte[] salt = new byte[16];
		this.random.nextBytes(salt);
		return PREFIX + B64.encodeToString(salt) + "$" + B64.encodeToString(digest(salt, rawSecret));
	}

	@Override
	public boolean matches(CharSequence rawSecret, String encoded) {
		if (rawSecret == null || encoded == null) {
			return false;
		}
		if (encoded.startsWith(PREFIX)) {
			int dollar = encoded.indexOf('$', PREFIX.length());
			if (dollar < 0) {
				return false;
			}
			try {
				byte[] salt = B64D.decode(encoded.substring(PREFIX.length(), dollar));
				byte[] expected = B64D.decode(encoded.substring(dollar + 1));
				return MessageDigest.isEqual(expected, digest(salt, rawSecret));
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}
		if (encoded.startsWith("{bcrypt}")) {
			return this.bcrypt.matches(rawSecret, encoded.substring("{bcrypt}".length()));
		}
		return false;
	}

	@Override
	public boolean upgradeEncoding(String encoded) {
		return encoded != null && !encoded.startsWith(PREFIX);
	}

	/** True when the value is already in a stored format (so it must not be hashed again). */
	static boolean isEncoded(String secret) {
		return secret.startsWith(PREFIX) || secret.startsWith("{bcrypt}");
	}

	private static byte[] digest(byte[] salt, CharSequence secret) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(salt);
			return sha256.digest(secret.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JRE", ex);
		}
	}

}
