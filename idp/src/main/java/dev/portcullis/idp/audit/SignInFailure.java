package dev.portcullis.idp.audit;

/**
 * Why a password sign-in failed: the words the audit log shows ({@link SignInAudit}), and the tag the sign-in meter
 * counts it under. One list, so the meter and the audit log cannot drift apart.
 */
public enum SignInFailure {

	BAD_CREDENTIALS("wrong username or password", "bad_credentials"), LOCKED("account locked", "locked"),
	DISABLED("account disabled", "disabled"), REFUSED("sign-in refused", "refused");

	private final String details;

	private final String tag;

	SignInFailure(String details, String tag) {
		this.details = details;
		this.tag = tag;
	}

	/** The audit event's details. */
	public String details() {
		return this.details;
	}

	/** The meter's {@code outcome} tag. */
	public String tag() {
		return this.tag;
	}

	/** The failure a failed sign-in event's details name ({@link #REFUSED} for anything else). */
	public static SignInFailure fromDetails(String details) {
		for (SignInFailure failure : values()) {
			if (failure.details.equals(details)) {
				return failure;
			}
		}
		return REFUSED;
	}

}
