package dev.portcullis.idp.monitoring;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.portcullis.idp.audit.AuditEvent;
import dev.portcullis.idp.audit.SignInFailure;
import dev.portcullis.idp.security.LoginThrottle;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * Counts audit events ({@link dev.portcullis.idp.audit.AuditLog} publishes each one): what the audit log records is
 * what the meters count, from this one place. Tags come from action names (constants in the code), outcomes and
 * client ids; an event's actor, target person, address and details never become a tag.
 */
@Component
class AuditMeters {

	/** What the console and the admin API do; a person changing their own password is not an admin action. */
	private static final List<String> ADMIN_ACTION_PREFIXES = List.of("user.", "client.", "initial-access-token.",
			"sign-in.lock-lifted");

	/** Action names are code constants; anything else is counted as "other", so no tag can grow without bound. */
	private static final Pattern ACTION_NAME = Pattern.compile("[a-z0-9.-]{1,60}");

	private final MeterRegistry registry;

	private final RegisteredClientRepository clients;

	AuditMeters(MeterRegistry registry, RegisteredClientRepository clients) {
		this.registry = registry;
		this.clients = clients;
		// Present from the start, at zero, so a dashboard shows a flat line instead of "no data".
		for (String outcome : List.of("success", SignInFailure.BAD_CREDENTIALS.tag(), SignInFailure.LOCKED.tag(),
				SignInFailure.DISABLED.tag(), PortcullisMeters.THROTTLED)) {
			PortcullisMeters.signIns(registry, outcome);
		}
	}

	@EventListener
	void onAuditEvent(AuditEvent event) {
		String action = ACTION_NAME.matcher(event.action()).matches() ? event.action() : "other";
		String outcome = event.outcome().name().toLowerCase(Locale.ROOT);
		counter(PortcullisMeters.AUDIT_EVENTS, "Audit events by action and outcome", "action", action, "outcome",
				outcome).increment();
		switch (action) {
			case "sign-in" -> PortcullisMeters
				.signIns(this.registry, (event.outcome() == AuditEvent.Outcome.SUCCESS) ? "success"
						: SignInFailure.fromDetails(event.details()).tag())
				.increment();
			case "sign-in.locked" -> counter(PortcullisMeters.SIGN_IN_LOCKS, "Sign-in locks imposed by kind", "kind",
					lockKind(event.details())).increment();
			case "refresh-token.reused" -> counter(PortcullisMeters.REFRESH_TOKENS_REUSED,
					"Refresh tokens presented twice (grant revoked)", "client", clientId(event.target())).increment();
			case "backchannel-logout.delivered", "backchannel-logout.failed" -> counter(
					PortcullisMeters.BACKCHANNEL_DELIVERIES, "Back-channel logout deliveries by outcome and client",
					"outcome", action.substring(action.indexOf('.') + 1), "client", String.valueOf(event.target()))
				.increment();
			default -> {
				if (action.startsWith("mfa.")) {
					counter(PortcullisMeters.MFA, "Second-factor events by event and outcome", "event",
							action.substring(4), "outcome", outcome).increment();
					// an admin removing someone else's factors is an admin action too
					if ("mfa.removed".equals(action) && !event.actor().equals(event.target())) {
						counter(PortcullisMeters.ADMIN_ACTIONS, "Admin actions by action", "action", action)
							.increment();
					}
				}
				else if (ADMIN_ACTION_PREFIXES.stream().anyMatch(action::startsWith)
						&& !"user.password-changed".equals(action)) {
					counter(PortcullisMeters.ADMIN_ACTIONS, "Admin actions by action", "action", action).increment();
				}
			}
		}
	}

	private Counter counter(String name, String description, String... tags) {
		return Counter.builder(name).description(description).tags(tags).register(this.registry);
	}

	/** The lock event's details start with what was locked ("username locked until ..."). */
	private static String lockKind(String details) {
		for (LoginThrottle.Kind kind : LoginThrottle.Kind.values()) {
			if (details != null && details.startsWith(kind.label() + " ")) {
				return kind.label();
			}
		}
		return "other";
	}

	/** Grants name their app by internal id; the meter shows the client id people know. */
	private String clientId(String registeredClientId) {
		RegisteredClient client = (registeredClientId != null) ? this.clients.findById(registeredClientId) : null;
		return (client != null) ? client.getClientId() : "unknown";
	}

}
