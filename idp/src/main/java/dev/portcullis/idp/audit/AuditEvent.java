package dev.portcullis.idp.audit;

import java.time.Instant;

/**
 * One line of the audit log. {@code actor} is who acted (a username, a client id, or {@code system});
 * {@code target} what it acted on; {@code details} free text that must never carry a secret.
 */
public record AuditEvent(long id, Instant occurredAt, String actor, String action, String target, Outcome outcome,
		String details, String remoteAddr) {

	public enum Outcome {

		SUCCESS, FAILURE

	}

}
