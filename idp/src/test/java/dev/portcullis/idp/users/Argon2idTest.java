package dev.portcullis.idp.users;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** Our Argon2id gives the RFC's and BouncyCastle's results, in Spring's format, without new memory per hash. */
class Argon2idTest {

	private final long seed = System.nanoTime();

	private final Random random = new Random(this.seed);

	@Test
	void givesTheTagOfRfc9106sTestVector() {
		byte[] password = filled(32, 0x01);
		byte[] salt = filled(16, 0x02);
		byte[] secret = filled(8, 0x03);
		byte[] associated = filled(12, 0x04);

		byte[] tag = new Argon2id(32).hash(password, salt, secret, associated, 32, 3, 4, 32);

		assertThat(HexFormat.of().formatHex(tag))
			.isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
	}

	@Test
	void givesBouncyCastlesResultsForRandomInputsAndSettings() {
		Argon2id argon2 = new Argon2id(512);
		for (int i = 0; i < 300; i++) {
			int lanes = 1 + this.random.nextInt(4);
			int passes = 1 + this.random.nextInt(5);
			// any size from the least to the most this instance takes, multiples of 4 * lanes or not
			int memoryKiB = 8 * lanes + this.random.nextInt(512 - 8 * lanes + 1);
			// H' has a short form (up to 64 bytes) and a long one
			int tagLength = 4 + this.random.nextInt(125);
			byte[] password = bytes(this.random.nextInt(40));
			byte[] salt = bytes(8 + this.random.nextInt(25));
			byte[] secret = bytes(this.random.nextBoolean() ? 0 : 1 + this.random.nextInt(16));
			byte[] associated = bytes(this.random.nextBoolean() ? 0 : 1 + this.random.nextInt(16));
			String settings = "seed " + this.seed + ", case " + i + ": m=" + memoryKiB + ",t=" + passes + ",p=" + lanes
					+ ", tag " + tagLength;

			byte[] ours = argon2.hash(password, salt, secret, associated, memoryKiB, passes, lanes, tagLength);

			Argon2BytesGenerator theirs = new Argon2BytesGenerator();
			theirs.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2id.VERSION)
				.withMemoryAsKB(memoryKiB)
				.withIterations(passes)
				.withParallelism(lanes)
				.withSalt(salt)
				.withSecret(secret)
				.withAdditional(associated)
				.build());
			byte[] expected = new byte[tagLength];
			theirs.generateBytes(password, expected);
			assertThat(ours).as(settings).isEqualTo(expected);
		}
	}

	@Test
	void hashesOfSpringsEncoderAndOursVerifyWithEachOtherAndWrongPasswordsDoNot() {
		for (int i = 0; i < 40; i++) {
			int lanes = 1 + this.random.nextInt(3);
			int passes = 1 + this.random.nextInt(5);
			int memoryKiB = 8 * lanes + this.random.nextInt(256);
			int saltLength = 8 + this.random.nextInt(17);
			int hashLength = 16 + this.random.nextInt(49);
			var ours = new Argon2idPasswordEncoder(saltLength, hashLength, lanes, memoryKiB, passes, 1);
			var spring = new Argon2PasswordEncoder(saltLength, hashLength, lanes, memoryKiB, passes);
			String password = password();
			String wrong = password + "x";
			String settings = "seed " + this.seed + ", case " + i;

			String fromOurs = ours.encode(password);
			String fromSpring = spring.encode(password);

			assertThat(fromOurs).as(settings)
				.matches("\\$argon2id\\$v=19\\$m=" + memoryKiB + ",t=" + passes + ",p=" + lanes
						+ "\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+");
			assertThat(spring.matches(password, fromOurs)).as(settings).isTrue();
			assertThat(ours.matches(password, fromSpring)).as(settings).isTrue();
			assertThat(ours.matches(password, fromOurs)).as(settings).isTrue();
			assertThat(ours.matches(wrong, fromOurs)).as(settings).isFalse();
			assertThat(ours.matches(wrong, fromSpring)).as(settings).isFalse();
			assertThat(spring.matches(wrong, fromOurs)).as(settings).isFalse();
		}
	}

	@Test
	void hashesWithOtherSettingsThanTheEncodersStillVerify() {
		var ours = PasswordConfig.argon2id(1);
		for (Argon2PasswordEncoder other : new Argon2PasswordEncoder[] {
				Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), // more memory than ours: left to Spring
				new Argon2PasswordEncoder(16, 32, 2, 1024, 1), new Argon2PasswordEncoder(8, 64, 1, 7 * 1024, 2) }) {
			String hash = other.encode("correct horse");

			assertThat(ours.matches("correct horse", hash)).as(hash).isTrue();
			assertThat(ours.matches("correct horse!", hash)).as(hash).isFalse();
		}
		assertThat(ours.matches("correct horse", "$argon2id$v=19$m=7168,t=5,p=1$not!base64$AAAA")).isFalse();
		assertThat(ours.matches("", ours.encode(""))).isFalse();
	}

	@Test
	void aHashAllocatesNoNewMemoryBlocks() {
		var encoder = PasswordConfig.argon2id(1);
		String hash = encoder.encode("correct horse"); // the first one makes the memory
		var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long before = threads.getCurrentThreadAllocatedBytes();

		assertThat(encoder.matches("correct horse", hash)).isTrue();
		encoder.encode("battery staple");

		// BouncyCastle's generator allocates 7 MiB per hash; ours a few KiB of digests and strings.
		assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(256 * 1024);
	}

	private String password() {
		StringBuilder password = new StringBuilder();
		int length = 1 + this.random.nextInt(30); // an empty one never matches, with Spring's encoder as with ours
		for (int i = 0; i < length; i++) {
			// ASCII, Latin-1, and some outside the Basic Multilingual Plane (surrogate pairs in Java)
			int codePoint = switch (this.random.nextInt(3)) {
				case 0 -> 0x20 + this.random.nextInt(0x5f);
				case 1 -> 0xa0 + this.random.nextInt(0x60);
				default -> 0x1f600 + this.random.nextInt(0x50);
			};
			password.appendCodePoint(codePoint);
		}
		return password.toString();
	}

	private byte[] bytes(int length) {
		byte[] bytes = new byte[length];
		this.random.nextBytes(bytes);
		return bytes;
	}

	private static byte[] filled(int length, int value) {
		byte[] bytes = new byte[length];
		Arrays.fill(bytes, (byte) value);
		return bytes;
	}

}
