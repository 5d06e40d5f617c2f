package dev.portcullis.client.backchannel;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@link LogoutRegistry} of an app running as several instances on one database: the IdP's logout token
 * reaches one instance, and the session ends at its next request on any of them. One indexed row per ended IdP
 * session, per person logged out everywhere, and per used token id; rows are deleted once they expire. Each request
 * of a signed-in session costs one primary-key lookup.
 */
public final class JdbcLogoutRegistry implements LogoutRegistry {

	static final List<String> SCHEMA = List.of("""
			CREATE TABLE IF NOT EXISTS portcullis_client_logouts (
			  kind VARCHAR(3) NOT NULL,
			  id VARCHAR(255) NOT NULL,
			  subject VARCHAR(255),
			  logged_out_at TIMESTAMP WITH TIME ZONE,
			  keep_until TIMESTAMP WITH TIME ZONE NOT NULL,
			  PRIMARY KEY (kind, id)
			)""", "CREATE INDEX IF NOT EXISTS portcullis_client_logouts_keep_until ON portcullis_client_logouts (keep_until)");

	private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AtomicReference<Instant> lastPurge;

	public JdbcLogoutRegistry(JdbcClient jdbc) {
		this(jdbc, Clock.systemUTC());
	}

	JdbcLogoutRegistry(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.lastPurge = new AtomicReference<>(Instant.EPOCH);
	}

	/** Creates the table when it is not there (H2, PostgreSQL); skip it when migrations own the schema. */
	public void createTableIfMissing() {
		SCHEMA.forEach((statement) -> this.jdbc.sql(statement).update());
	}

	@Override
	public boolean firstUse(String jti, Instant keepUntil) {
		purgeNowAndThen();
		try {
			// The primary key decides, so two instances receiving the same token at once cannot both accept it.
			this.jdbc.sql("INSERT INTO portcullis_client_logouts (kind, id, keep_until) VALUES ('jti', ?, ?)")
				.params(jti, Timestamp.from(keepUntil))
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	@Override
	public void recordLogout(String sid, String subject, Instant loggedOutAt, Instant keepUntil) {
		purgeNowAndThen();
		String kind = (sid != null) ? "sid" : "sub";
		String id = (sid != null) ? sid : subject;
		Timestamp at = Timestamp.from(loggedOutAt);
		Timestamp until = Timestamp.from(keepUntil);
		int updated = this.jdbc
			.sql("UPDATE portcullis_client_logouts SET subject = ?, logged_out_at = ?, keep_until = ? "
					+ "WHERE kind = ? AND id = ? AND logged_out_at <= ?")
			.params(subject, at, until, kind, id, at)
			.update();
		if (updated == 0) {
			try {
				this.jdbc
					.sql("INSERT INTO portcullis_client_logouts (kind, id, subject, logged_out_at, keep_until) "
							+ "VALUES (?, ?, ?, ?, ?)")
					.params(kind, id, subject, at, until)
					.update();
			}
			catch (DuplicateKeyException ex) {
				// A later logout of the same session or person is already recorded: it covers this one.
			}
		}
	}

	@Override
	public boolean isEnded(String sid, String subject, Instant signedInAt) {
		List<Row> rows = this.jdbc
			.sql("SELECT kind, subject, logged_out_at FROM portcullis_client_logouts "
					+ "WHERE ((kind = 'sid' AND id = ?) OR (kind = 'sub' AND id = ?)) AND keep_until > ?")
			.params((sid != null) ? sid : "", subject, Timestamp.from(this.clock.instant()))
			.query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
			.list();
		for (Row row : rows) {
			boolean sessionEnded = row.kind().equals("sid") && (row.subject() == null || row.subject().equals(subject));
			boolean everySessionEnded = row.kind().equals("sub") && !signedInAt.isAfter(row.loggedOutAt());
			if (sessionEnded || everySessionEnded) {
				return true;
			}
		}
		return false;
	}

	private void purgeNowAndThen() {
		Instant now = this.clock.instant();
		Instant last = this.lastPurge.get();
		if (now.isAfter(last.plus(PURGE_EVERY)) && this.lastPurge.compareAndSet(last, now)) {
			this.jdbc.sql("DELETE FROM portcullis_client_logouts WHERE keep_until <= ?").param(Timestamp.from(now)).update();
		}
	}

	private record Row(String kind, String subject, Instant loggedOutAt) {
	}

}
