package dev.portcullis.idp.audit;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.portcullis.idp.audit.AuditEvent.Outcome;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Counts over the audit log for the console's home page. Every query names an action and an outcome and a time
 * range, so it reads the index {@code audit_events_action_ix} (action, outcome, occurred_at) and only the rows it
 * counts: the page costs the same with a thousand or a million older or other events.
 */
@Repository
public class AuditStatistics {

	private static final long SECONDS_PER_HOUR = Duration.ofHours(1).toSeconds();

	static final String PER_HOUR = "SELECT hour_number, COUNT(*) AS events FROM (SELECT FLOOR(EXTRACT(EPOCH FROM "
			+ "occurred_at) / " + SECONDS_PER_HOUR + ") AS hour_number FROM audit_events "
			+ "WHERE action = ? AND outcome = ? AND occurred_at >= ?) hourly GROUP BY hour_number";

	static final String COUNT = "SELECT COUNT(*) FROM audit_events WHERE action = ? AND outcome = ? AND occurred_at >= ?";

	static final String LATEST = "SELECT id, occurred_at, actor, action, target, outcome, details, remote_addr "
			+ "FROM audit_events WHERE action = ? AND outcome = ? ORDER BY occurred_at DESC LIMIT ?";

	private final JdbcClient jdbc;

	public AuditStatistics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Events {@code action} with {@code outcome} in each of the {@code hours} hours (UTC clock hours) up to and
	 * including the current one, oldest first. Grouped in the database, so a busy day is 24 rows, not one per event.
	 */
	public long[] perHour(String action, Outcome outcome, Instant now, int hours) {
		Instant from = firstHour(now, hours);
		long firstHour = from.getEpochSecond() / SECONDS_PER_HOUR;
		long[] counts = new long[hours];
		this.jdbc
			.sql(PER_HOUR)
			.params(action, outcome.name(), Timestamp.from(from))
			.query((rs) -> {
				int index = (int) (rs.getLong("hour_number") - firstHour);
				if (index >= 0 && index < hours) {
					counts[index] = rs.getLong("events");
				}
			});
		return counts;
	}

	/** The start of the first of {@code hours} clock hours ending with the current one. */
	public static Instant firstHour(Instant now, int hours) {
		return now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(hours - 1L));
	}

	/** How many events {@code action} with {@code outcome} happened since {@code since}. */
	public long count(String action, Outcome outcome, Instant since) {
		return this.jdbc
			.sql(COUNT)
			.params(action, outcome.name(), Timestamp.from(since))
			.query(Long.class)
			.single();
	}

	/** The latest {@code limit} events {@code action} with {@code outcome}, newest first. */
	public List<AuditEvent> latest(String action, Outcome outcome, int limit) {
		return this.jdbc
			.sql(LATEST)
			.params(action, outcome.name(), limit)
			.query((rs, rowNum) -> new AuditEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
					rs.getString("actor"), rs.getString("action"), rs.getString("target"),
					Outcome.valueOf(rs.getString("outcome")), rs.getString("details"), rs.getString("remote_addr")))
			.list();
	}

}
