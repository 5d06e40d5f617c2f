package dev.portcullis.idp.passkeys;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** WebAuthn Level 3, section 7.2 step 21: the signature counter of an assertion must exceed the stored one. */
class SignCounterTest {

	@Test
	void whenTheCounterGrowsThenTheAssertionIsAccepted() {
		assertThat(SignCounter.grew(4, authenticatorData(5))).isTrue();
		assertThat(SignCounter.grew(0, authenticatorData(1))).isTrue();
		assertThat(SignCounter.grew(0xFFFFFFFEL, authenticatorData(0xFFFFFFFFL))).isTrue();
	}

	@Test
	void whenBothCountersAreZeroThenThereIsNothingToCompare() {
		assertThat(SignCounter.grew(0, authenticatorData(0))).isTrue();
	}

	@Test
	void whenTheCounterDidNotGrowThenItIsAClone() {
		assertThat(SignCounter.grew(5, authenticatorData(5))).isFalse();
		assertThat(SignCounter.grew(5, authenticatorData(4))).isFalse();
		assertThat(SignCounter.grew(5, authenticatorData(0))).isFalse();
	}

	@Test
	void whenTheDataIsTooShortToHoldACounterThenItIsRefused() {
		assertThat(SignCounter.grew(0, new byte[36])).isFalse();
		assertThat(SignCounter.grew(0, null)).isFalse();
	}

	/** rpIdHash (32 bytes), flags, then the counter big-endian. */
	private static byte[] authenticatorData(long counter) {
		byte[] data = new byte[37];
		data[32] = 0x05; // user present, user verified
		data[33] = (byte) (counter >>> 24);
		data[34] = (byte) (counter >>> 16);
		data[35] = (byte) (counter >>> 8);
		data[36] = (byte) counter;
		return data;
	}

}
