package dev.portcullis.idp.users;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.PasswordConverter;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.keygen.BytesKeyGenerator;
import org.springframework.security.crypto.keygen.KeyGenerators;
import org.springframework.security.crypto.password.AbstractValidatingPasswordEncoder;

/**
 * Spring's {@link Argon2PasswordEncoder}, same settings, same strings, same results, but hashing in memory that is
 * kept for the next hash ({@link Argon2id}) instead of 7 MiB of new blocks per hash, which the IdP's small heap
 * promoted and then collected at a large share of a sign-in's CPU.
 * <p>
 * The memory is kept in a pool of at most {@code concurrent} areas, not one per thread: Tomcat has hundreds of request
 * threads but {@link BoundedPasswordEncoder} lets only {@code concurrent} hashes run at once, so the pool stops
 * growing after the first {@code concurrent} simultaneous hashes. (Unbounded callers still get correct results; the
 * areas beyond the pool are simply dropped after use.)
 * <p>
 * Hashes this one cannot compute (other Argon2 types or versions, more memory than its own setting, or anything
 * malformed) are left to Spring's encoder, as is {@link #upgradeEncoding}.
 */
final class Argon2idPasswordEncoder extends AbstractValidatingPasswordEncoder {

	// Spring's format ($argon2id$v=19$m=..,t=..,p=..$salt$hash, Base64 without padding) for the one case we compute.
	private static final Pattern ARGON2ID = Pattern
		.compile("\\$argon2id\\$v=19\\$m=(\\d{1,9}),t=(\\d{1,9}),p=(\\d{1,9})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

	private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

	private static final byte[] NONE = new byte[0];

	private final int hashLength;

	private final int lanes;

	private final int memoryKiB;

	private final int passes;

	private final BytesKeyGenerator salts;

	private final Argon2PasswordEncoder spring;

	private final BlockingQueue<Argon2id> idle;

	/** The arguments of {@link Argon2PasswordEncoder}'s constructor, then the number of hashes run at once. */
	Argon2idPasswordEncoder(int saltLength, int hashLength, int lanes, int memoryKiB, int passes, int concurrent) {
		this.hashLength = hashLength;
		this.lanes = lanes;
		this.memoryKiB = memoryKiB;
		this.passes = passes;
		this.salts = KeyGenerators.secureRandom(saltLength);
		this.spring = new Argon2PasswordEncoder(saltLength, hashLength, lanes, memoryKiB, passes);
		this.idle = new ArrayBlockingQueue<>(concurrent);
	}

	@Override
	protected String encodeNonNullPassword(String rawPassword) {
		byte[] salt = this.salts.generateKey();
		byte[] hash = hash(rawPassword, salt, this.memoryKiB, this.passes, this.lanes, this.hashLength);
		return "$argon2id$v=" + Argon2id.VERSION + "$m=" + this.memoryKiB + ",t=" + this.passes + ",p=" + this.lanes
				+ "$" + BASE64.encodeToString(salt) + "$" + BASE64.encodeToString(hash);
	}

	@Override
	protected boolean matchesNonNull(String rawPassword, String encodedPassword) {
		Matcher parts = ARGON2ID.matcher(encodedPassword);
		if (!parts.matches()) {
			return this.spring.matches(rawPassword, encodedPassword);
		}
		int memoryKiB = Integer.parseInt(parts.group(1));
		int passes = Integer.parseInt(parts.group(2));
		int lanes = Integer.parseInt(parts.group(3));
		byte[] salt;
		byte[] expected;
		try {
			salt = Base64.getDecoder().decode(parts.group(4));
			expected = Base64.getDecoder().decode(parts.group(5));
		}
		catch (IllegalArgumentException ex) {
			return this.spring.matches(rawPassword, encodedPassword); // logs it as malformed
		}
		if (!Argon2id.fits(memoryKiB, passes, lanes, this.memoryKiB) || expected.length < 4) {
			return this.spring.matches(rawPassword, encodedPassword);
		}
		// Constant time, so how long the comparison takes tells nothing about how much of the hash was right.
		return MessageDigest.isEqual(expected, hash(rawPassword, salt, memoryKiB, passes, lanes, expected.length));
	}

	@Override
	protected boolean upgradeEncodingNonNull(String encodedPassword) {
		return this.spring.upgradeEncoding(encodedPassword);
	}

	private byte[] hash(String rawPassword, byte[] salt, int memoryKiB, int passes, int lanes, int length) {
		// BouncyCastle's conversion, as Spring's encoder uses it (UTF-8; it refuses unpaired surrogates).
		byte[] password = PasswordConverter.UTF8.convert(rawPassword.toCharArray());
		Argon2id argon2 = this.idle.poll();
		if (argon2 == null) {
			argon2 = new Argon2id(this.memoryKiB);
		}
		try {
			return argon2.hash(password, salt, NONE, NONE, memoryKiB, passes, lanes, length);
		}
		finally {
			this.idle.offer(argon2);
		}
	}

}
