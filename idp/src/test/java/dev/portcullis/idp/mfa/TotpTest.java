package dev.portcullis.idp.mfa;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The TOTP generator against the test vectors of RFC 6238 (appendix B) and RFC 4226 (appendix D). */
class TotpTest {

	private static final byte[] SHA1_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SHA256_SEED = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SHA512_SEED = "1234567890123456789012345678901234567890123456789012345678901234"
		.getBytes(StandardCharsets.US_ASCII);

	@ParameterizedTest
	@CsvSource({ "59, 94287082, 46119246, 90693936", "1111111109, 07081804, 68084774, 25091201",
			"1111111111, 14050471, 67062674, 99943326", "1234567890, 89005924, 91819424, 93441116",
			"2000000000, 69279037, 90698825, 38618901", "20000000000, 65353130, 77737706, 47863826" })
	void whenGivenTheTimesOfRfc6238ThenTheCodesAreItsVectors(long seconds, String sha1, String sha256,
			String sha512) {
		Instant at = Instant.ofEpochSecond(seconds);
		assertThat(code("HmacSHA1", SHA1_SEED, at)).isEqualTo(sha1);
		assertThat(code("HmacSHA256", SHA256_SEED, at)).isEqualTo(sha256);
		assertThat(code("HmacSHA512", SHA512_SEED, at)).isEqualTo(sha512);
	}

	@ParameterizedTest
	@CsvSource({ "0, 755224", "1, 287082", "2, 359152", "3, 969429", "4, 338314", "5, 254676", "6, 287922",
			"7, 162583", "8, 399871", "9, 520489" })
	void whenAuthenticatorAppsSettingsAreUsedThenSixDigitCodesAreRfc4226s(long counter, String code) {
		assertThat(Totp.AUTHENTICATOR_APPS.code(SHA1_SEED, counter)).isEqualTo(code);
	}

	@Test
	void whenACodeIsOfTheStepBeforeOrAfterThenItMatchesThatStepAndNoFurther() {
		Totp totp = Totp.AUTHENTICATOR_APPS;
		Instant now = Instant.ofEpochSecond(1_111_111_111);
		long step = totp.step(now);

		assertThat(totp.matchingStep(SHA1_SEED, totp.code(SHA1_SEED, step), now)).isEqualTo(step);
		assertThat(totp.matchingStep(SHA1_SEED, totp.code(SHA1_SEED, step - 1), now)).isEqualTo(step - 1);
		assertThat(totp.matchingStep(SHA1_SEED, totp.code(SHA1_SEED, step + 1), now)).isEqualTo(step + 1);
		assertThat(totp.matchingStep(SHA1_SEED, totp.code(SHA1_SEED, step + 2), now)).isEqualTo(-1);
		assertThat(totp.matchingStep(SHA1_SEED, totp.code(SHA1_SEED, step - 2), now)).isEqualTo(-1);
	}

	private static String code(String algorithm, byte[] seed, Instant at) {
		Totp totp = new Totp(algorithm, 8, 30);
		return totp.code(seed, totp.step(at));
	}

}
