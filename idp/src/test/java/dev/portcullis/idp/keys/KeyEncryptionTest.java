package dev.portcullis.idp.keys;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Private signing keys at rest: with {@code PORTCULLIS_KEY_ENCRYPTION_KEY} configured they are sealed with
 * AES-256-GCM, so the database alone cannot sign anything; the wrong key or none stops the IdP with a clear message.
 * A whole IdP with a key: {@link SealedSigningKeysTest}.
 */
class KeyEncryptionTest {

	static final String KEY = Base64.getEncoder().encodeToString(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
			13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 });

	private static final String JWK = "{\"kty\":\"EC\",\"d\":\"secret-part\",\"crv\":\"P-256\"}";

	@Test
	void whenAKeyIsConfiguredThenWhatIsStoredHidesThePrivatePartAndOpensAgain() {
		KeyEncryption encryption = new KeyEncryption(KEY);

		String stored = encryption.seal(JWK);

		assertThat(stored).startsWith(KeyEncryption.PREFIX).doesNotContain("secret-part").doesNotContain("\"d\"");
		assertThat(encryption.open(stored)).isEqualTo(JWK);
		assertThat(encryption.seal(JWK)).as("a fresh IV each time").isNotEqualTo(stored);
	}

	@Test
	void whenTheKeyIsWrongOrMissingThenOpeningFailsWithAMessageThatSaysSo() {
		String stored = new KeyEncryption(KEY).seal(JWK);
		String otherKey = Base64.getEncoder().encodeToString(new byte[32]);

		assertThatIllegalStateException().isThrownBy(() -> new KeyEncryption(otherKey).open(stored))
			.withMessageContaining("another key");
		assertThatIllegalStateException().isThrownBy(() -> new KeyEncryption("").open(stored))
			.withMessageContaining("set PORTCULLIS_KEY_ENCRYPTION_KEY");
	}

	@Test
	void whenTheConfiguredKeyIsNot32BytesThenTheIdpRefusesIt() {
		assertThatIllegalStateException().isThrownBy(() -> new KeyEncryption("too-short"))
			.withMessageContaining("openssl rand -base64 32");
	}

	@Test
	void whenNoKeyIsConfiguredThenKeysAreStoredAsTheyWere() {
		assertThat(new KeyEncryption("").seal(JWK)).isEqualTo(JWK);
		assertThat(new KeyEncryption(KEY).open(JWK)).as("a key stored before encryption was turned on").isEqualTo(JWK);
	}

}
