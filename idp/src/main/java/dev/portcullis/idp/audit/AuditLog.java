package dev.portcullis.idp.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.portcullis.idp.audit.AuditEvent.Outcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The audit log: an append-only table, read newest first. Recording never fails the action being recorded: a
 * write error is logged and swallowed. Callers pass only identifiers and outcomes, never secrets.
 * <p>
 * Each event is also published in-process as an {@link AuditEvent} (id 0: it is not read back), whether or not the
 * write succeeded: the meters ({@code monitoring.AuditMeters}) and the log lines ({@link AuditLogLines}) are fed
 * from here, so metrics, logs and the audit table count the same things.
 */
@Service
public class AuditLog {

	private static final Log logger = LogFactory.getLog(AuditLog.class);

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	/** An audit log that tells nobody else (storage tests). */
	public AuditLog(JdbcClient jdbc) {
		this(jdbc, (event) -> {
		});
	}

	@Autowired
	public AuditLog(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	public void success(String actor, String action, String target, String details) {
		record(actor, action, target, Outcome.SUCCESS, details, null);
	}

	public void failure(String actor, String action, String target, String details) {
		record(actor, action, target, Outcome.FAILURE, details, null);
	}

	public void record(String actor, String action, String target, Outcome outcome, String details,
			String remoteAddr) {
		AuditEvent event = new AuditEvent(0, Instant.now(), truncate(actor, 200), action, truncate(target, 300),
				outcome, truncate(details, 2000), truncate(remoteAddr, 64));
		try {
			this.jdbc
				.sql("INSERT INTO audit_events (occurred_at, actor, action, target, outcome, details, remote_addr) "
						+ "VALUES (?, ?, ?, ?, ?, ?, ?)")
				.params(Timestamp.from(event.occurredAt()), event.actor(), action, event.target(), outcome.name(),
						event.details(), event.remoteAddr())
				.update();
		}
		catch (RuntimeException ex) {
			logger.error("Could not write audit event " + action + " on " + target, ex);
		}
		try {
			this.events.publishEvent(event);
		}
		catch (RuntimeException ex) {
			// a meter or a log line must not fail the action being recorded either
			logger.error("Could not publish audit event " + action, ex);
		}
	}

	/** Newest first. */
	public List<AuditEvent> page(int offset, int limit) {
		return this.jdbc
			.sql("SELECT id, occurred_at, actor, action, target, outcome, details, remote_addr FROM audit_events "
					+ "ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?")
			.params(limit, offset)
			.query((rs, rowNum) -> new AuditEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
					rs.getString("actor"), rs.getString("action"), rs.getString("target"),
					Outcome.valueOf(rs.getString("outcome")), rs.getString("details"), rs.getString("remote_addr")))
			.list();
	}

	public long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM audit_events").query(Long.class).single();
	}

	/** Events whose target is exactly {@code target}, newest first (a client id, a user id). */
	public List<AuditEvent> forTarget(String target, int limit) {
		return this.jdbc
			.sql("SELECT id, occurred_at, actor, action, target, outcome, details, remote_addr FROM audit_events "
					+ "WHERE target = ? ORDER BY occurred_at DESC, id DESC LIMIT ?")
			.params(target, limit)
			.query((rs, rowNum) -> new AuditEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
					rs.getString("actor"), rs.getString("action"), rs.getString("target"),
					Outcome.valueOf(rs.getString("outcome")), rs.getString("details"), rs.getString("remote_addr")))
			.list();
	}

	private static String truncate(String value, int max) {
		return (value == null || value.length() <= max) ? value : value.substring(0, max);
	}

}
