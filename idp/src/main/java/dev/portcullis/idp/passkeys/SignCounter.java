package dev.portcullis.idp.passkeys;

/**
 * WebAuthn Level 3, section 7.2 step 21: an authenticator that keeps a signature counter sends a higher count with
 * every assertion; a count that did not grow means two authenticators hold the same key (a clone), and the
 * assertion is refused. Many passkeys (synced ones) always send 0: with both counts 0 there is nothing to compare.
 */
final class SignCounter {

	/** rpIdHash (32 bytes), flags (1 byte), then the counter: 32-bit unsigned big-endian. */
	private static final int COUNTER_OFFSET = 33;

	private SignCounter() {
	}

	/** Whether the counter in {@code authenticatorData} is acceptable after {@code stored}. */
	static boolean grew(long stored, byte[] authenticatorData) {
		if (authenticatorData == null || authenticatorData.length < COUNTER_OFFSET + 4) {
			return false; // not authenticator data at all; webauthn4j would refuse it too
		}
		long presented = ((authenticatorData[COUNTER_OFFSET] & 0xFFL) << 24)
				| ((authenticatorData[COUNTER_OFFSET + 1] & 0xFFL) << 16)
				| ((authenticatorData[COUNTER_OFFSET + 2] & 0xFFL) << 8) | (authenticatorData[COUNTER_OFFSET + 3] & 0xFFL);
		return (stored == 0 && presented == 0) || presented > stored;
	}

}
