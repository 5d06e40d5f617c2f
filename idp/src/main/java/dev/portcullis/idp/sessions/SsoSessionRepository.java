package dev.portcullis.idp.sessions;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code sso_sessions} table, read together with Spring Session's own table (last access time) and the grants
 * made under each session (the apps).
 */
@Repository
class SsoSessionRepository {

	private static final String SELECT = "SELECT s.session_id, s.sid, s.principal_name, s.started_at, s.user_agent, "
			+ "s.remote_addr, ss.LAST_ACCESS_TIME FROM sso_sessions s "
			+ "JOIN SPRING_SESSION ss ON ss.SESSION_ID = s.session_id ";

	private final JdbcClient jdbc;

	SsoSessionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One statement at sign-in, the usual case. The row is there already only when a second step signs in again in
	 * the same session; it is kept. Not called inside a transaction, which PostgreSQL would abort on the duplicate.
	 */
	void insertIfAbsent(String sessionId, String principalName, String userAgent, String remoteAddr) {
		try {
			this.jdbc
				.sql("INSERT INTO sso_sessions (session_id, sid, principal_name, started_at, user_agent, remote_addr) "
						+ "VALUES (?, ?, ?, ?, ?, ?)")
				.params(sessionId, SessionIds.sid(sessionId), principalName, Timestamp.from(Instant.now()),
						truncate(userAgent, 300), truncate(remoteAddr, 64))
				.update();
		}
		catch (DuplicateKeyException ex) {
			// signed in again in the same session: it started earlier
		}
	}

	/** Sessions ended are deleted (by sign-out or the sweeper), so every row is a live session. */
	long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM sso_sessions").query(Long.class).single();
	}

	/** Live sessions of one person, most recently active first. */
	List<SsoSession> findByPrincipal(String principalName) {
		return this.jdbc.sql(SELECT + "WHERE s.principal_name = ? ORDER BY ss.LAST_ACCESS_TIME DESC")
			.param(principalName)
			.query((rs, rowNum) -> new SsoSession(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant(), Instant.ofEpochMilli(rs.getLong(7)), rs.getString(5),
					rs.getString(6), List.of()))
			.list()
			.stream()
			.map((session) -> new SsoSession(session.sessionId(), session.sid(), session.principalName(),
					session.startedAt(), session.lastActiveAt(), session.userAgent(), session.remoteAddr(),
					appsOf(session.sid())))
			.toList();
	}

	Optional<Record> findBySid(String sid) {
		return this.jdbc.sql("SELECT session_id, sid, principal_name FROM sso_sessions WHERE sid = ?")
			.param(sid)
			.query((rs, rowNum) -> new Record(rs.getString(1), rs.getString(2), rs.getString(3)))
			.optional();
	}

	Optional<Record> find(String sessionId) {
		return this.jdbc.sql("SELECT session_id, sid, principal_name FROM sso_sessions WHERE session_id = ?")
			.param(sessionId)
			.query((rs, rowNum) -> new Record(rs.getString(1), rs.getString(2), rs.getString(3)))
			.optional();
	}

	/** Claims the ending of a session: true for exactly one caller, even across nodes. */
	boolean delete(String sessionId) {
		return this.jdbc.sql("DELETE FROM sso_sessions WHERE session_id = ?").param(sessionId).update() == 1;
	}

	/**
	 * Sessions started before {@code startedBefore} whose Spring Session is gone (expired, or deleted without
	 * passing through us).
	 */
	List<Record> findOrphans(Instant startedBefore) {
		return this.jdbc
			.sql("SELECT session_id, sid, principal_name FROM sso_sessions s WHERE started_at < ? AND NOT EXISTS "
					+ "(SELECT 1 FROM SPRING_SESSION ss WHERE ss.SESSION_ID = s.session_id)")
			.param(Timestamp.from(startedBefore))
			.query((rs, rowNum) -> new Record(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	List<Record> findStartedBefore(Instant cutoff) {
		return this.jdbc.sql("SELECT session_id, sid, principal_name FROM sso_sessions WHERE started_at < ?")
			.param(Timestamp.from(cutoff))
			.query((rs, rowNum) -> new Record(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	/** Names of the apps that received tokens under the session {@code sid}. */
	List<String> appsOf(String sid) {
		return this.jdbc
			.sql("SELECT DISTINCT c.client_name FROM oauth2_authorization a "
					+ "JOIN oauth2_registered_client c ON c.id = a.registered_client_id WHERE a.sid = ? "
					+ "ORDER BY c.client_name")
			.param(sid)
			.query(String.class)
			.list();
	}

	private static String truncate(String value, int max) {
		return (value == null || value.length() <= max) ? value : value.substring(0, max);
	}

	record Record(String sessionId, String sid, String principalName) {
	}

}
