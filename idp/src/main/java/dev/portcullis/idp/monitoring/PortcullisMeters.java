package dev.portcullis.idp.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The names of the IdP's own meters, in Micrometer's dot notation ({@code /actuator/prometheus} shows
 * {@code portcullis.signins} as {@code portcullis_signins_total}). Tags are low-cardinality only: outcomes, grant
 * types, action names and client ids; never a username, an address, a token or a secret. docs/operations.md lists
 * them with their tags.
 */
public final class PortcullisMeters {

	/** Password sign-ins by {@code outcome}: success, bad_credentials, locked, disabled, refused, throttled. */
	public static final String SIGN_INS = "portcullis.signins";

	/** Locks the sign-in throttle imposed, by {@code kind}: username, address, device, current-password. */
	public static final String SIGN_IN_LOCKS = "portcullis.signin.locks";

	/** Second-factor events ({@code mfa.*} audit actions) by {@code event} (succeeded, failed, ...) and outcome. */
	public static final String MFA = "portcullis.mfa.events";

	/** Tokens issued at the token endpoint, by {@code grant_type} and {@code client}. */
	public static final String TOKENS_ISSUED = "portcullis.tokens.issued";

	/** Refresh tokens presented a second time (the grant is revoked), by {@code client}. */
	public static final String REFRESH_TOKENS_REUSED = "portcullis.refresh.tokens.reused";

	/** Token introspections, by the asking {@code client} and whether the answer was {@code active}. */
	public static final String INTROSPECTIONS = "portcullis.introspections";

	/** Back-channel logout deliveries, by {@code outcome} (delivered, failed) and {@code client}. */
	public static final String BACKCHANNEL_DELIVERIES = "portcullis.backchannel.deliveries";

	/** SSO sessions alive now (a gauge; the same figure on every node: they share the database). */
	public static final String LIVE_SESSIONS = "portcullis.sessions.live";

	/** What admins did (console, API), by {@code action}. */
	public static final String ADMIN_ACTIONS = "portcullis.admin.actions";

	/** Every audit event, by {@code action} and {@code outcome}: the audit log as a rate. */
	public static final String AUDIT_EVENTS = "portcullis.audit.events";

	/** Password hashes computed, by {@code operation}: {@code check} (a sign-in, a password confirmation), {@code new}. */
	public static final String PASSWORD_HASHES = "portcullis.password.hashes";

	/** CPU seconds spent computing password hashes: how much of the node the hash's cost takes. */
	public static final String PASSWORD_HASHING_CPU = "portcullis.password.hashing.cpu";

	/** The {@code outcome} of a sign-in refused by the throttle before any password was checked. */
	public static final String THROTTLED = "throttled";

	private PortcullisMeters() {
	}

	public static Counter signIns(MeterRegistry registry, String outcome) {
		return Counter.builder(SIGN_INS)
			.description("Password sign-in attempts by outcome")
			.tag("outcome", outcome)
			.register(registry);
	}

}
