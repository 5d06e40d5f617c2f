package dev.portcullis.idp.clients;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class ClientSecretEncoderTest {

	private final ClientSecretEncoder encoder = new ClientSecretEncoder();

	@Test
	void whenASecretIsEncodedThenItIsSaltedAndOnlyThatSecretMatches() {
		String first = this.encoder.encode("s3cret");
		String second = this.encoder.encode("s3cret");

		assertThat(first).startsWith("{sha256}").isNotEqualTo(second).doesNotContain("s3cret");
		assertThat(this.encoder.matches("s3cret", first)).isTrue();
		assertThat(this.encoder.matches("s3cret", second)).isTrue();
		assertThat(this.encoder.matches("s3cret ", first)).isFalse();
		assertThat(this.encoder.upgradeEncoding(first)).isFalse();
	}

	@Test
	void whenTheStoredValueIsMalformedThenNothingMatches() {
		assertThat(this.encoder.matches("x", "{sha256}no-dollar")).isFalse();
		assertThat(this.encoder.matches("x", "{sha256}!!!$???")).isFalse();
		assertThat(this.encoder.matches("x", "x")).isFalse(); // plain text is never accepted
		assertThat(this.encoder.matches("x", "{noop}x")).isFalse();
	}

	@Test
	void whenAnImportedBcryptSecretIsUsedThenItMatchesAndAsksToBeReEncoded() {
		String bcrypt = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("legacy");

		assertThat(this.encoder.matches("legacy", bcrypt)).isTrue();
		assertThat(this.encoder.upgradeEncoding(bcrypt)).isTrue();
	}

}
