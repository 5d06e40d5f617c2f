package dev.portcullis.idp.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

import dev.portcullis.idp.audit.AuditEvent;
import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.users.UserAccount;
import dev.portcullis.idp.users.UserAccountRepository;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts sign-in attempts per key (a username, a client address, a known browser, an account's current-password
 * check) in the database, so every node sees the same counts (OWASP ASVS 2.2.1).
 * <p>
 * An attempt is <em>reserved</em> before any password is hashed: one atomic increment in its own short
 * transaction, then the count it produced decides. So a burst of concurrent guesses gets exactly {@code limit}
 * password checks, not one per request that happened to read the count before the others wrote it. Past the
 * limit the key is locked for a while that doubles with each lock in the window; while it is locked attempts are
 * refused without being counted (they are tallied per minute for the audit log instead). A success resets the
 * key's count ({@link #succeeded}), or gives the reservation back ({@link #refund}) for an address, where one
 * person's right password must not let the address go on guessing.
 * <p>
 * Keys are stored as the SHA-256 of kind and value, so a value of any length (a forged address) fits. Each key
 * is its own transaction: a failure on one never undoes another's count, and a database error is logged and lets
 * the attempt through on that key rather than answering 500 (the password check needs the same database anyway).
 */
@Service
public class LoginThrottle {

	private static final Log logger = LogFactory.getLog(LoginThrottle.class);

	private static final int MAX_SUBJECT = 200;

	/** One attempt more on an unlocked key; a count older than the window starts again from one. */
	private static final String INCREMENT = "UPDATE login_throttle SET "
			+ "attempts = CASE WHEN last_attempt < ? THEN 1 ELSE attempts + 1 END, "
			+ "lockouts = CASE WHEN last_attempt < ? THEN 0 ELSE lockouts END, "
			+ "last_attempt = ?, locked_until = NULL WHERE id = ? AND (locked_until IS NULL OR locked_until <= ?)";

	/** The subject of a locked username that names no account. */
	public static final String UNKNOWN_USERNAME = "(unknown username)";

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final LoginThrottleProperties properties;

	private final AuditLog auditLog;

	private final UserAccountRepository accounts;

	public LoginThrottle(JdbcClient jdbc, PlatformTransactionManager transactions, LoginThrottleProperties properties,
			AuditLog auditLog, UserAccountRepository accounts) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		// Always its own transaction: a caller's rollback must not take a count with it.
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.properties = properties;
		this.auditLog = auditLog;
	}

	/** What is counted. The limit of each comes from {@link LoginThrottleProperties}. */
	public enum Kind {

		USERNAME("username"), ADDRESS("address"), DEVICE("device"), CURRENT_PASSWORD("current-password"),
		/** Codes at the second sign-in step and when adding an authenticator app, per account. */
		SECOND_FACTOR("second-factor");

		private final String label;

		Kind(String label) {
			this.label = label;
		}

		public String label() {
			return this.label;
		}

		static Kind ofLabel(String label) {
			for (Kind kind : values()) {
				if (kind.label.equals(label)) {
					return kind;
				}
			}
			throw new IllegalArgumentException(label);
		}

	}

	/** The answer to a reservation: go on and check the password, or not before {@code lockedUntil}. */
	public record Decision(boolean allowed, Instant lockedUntil) {

		static final Decision ALLOWED = new Decision(true, null);

	}

	/** A locked key, as an admin sees it. {@code subject} is an address or an account id (or a placeholder). */
	public record Lock(String id, Kind kind, String subject, Instant lockedUntil, int lockouts) {
	}

	/**
	 * Reserves one attempt on {@code value} of this kind. {@code subject} is what an admin will see for the key
	 * (never a typed username: for those, pass null and the lock resolves it).
	 */
	public Decision reserve(Kind kind, String value, String subject) {
		String id = id(kind, value);
		try {
			Decision decision = this.transaction.execute((status) -> reserveInTransaction(status, kind, value, id, subject));
			return (decision != null) ? decision : Decision.ALLOWED;
		}
		catch (DataAccessException ex) {
			logger.error("Could not count a sign-in attempt (" + kind.label() + "); letting it through", ex);
			return Decision.ALLOWED;
		}
	}

	/** A right password: the key starts again from zero (not used for addresses, see {@link #refund}). */
	public void succeeded(Kind kind, String value) {
		quietly(() -> this.jdbc.sql("DELETE FROM login_throttle WHERE id = ? AND locked_until IS NULL")
			.param(id(kind, value))
			.update());
	}

	/** A right password from an address: its reservation is given back, the address's other attempts stay. */
	public void refund(Kind kind, String value) {
		quietly(() -> this.jdbc.sql("UPDATE login_throttle SET attempts = attempts - 1 WHERE id = ? AND attempts > 0")
			.param(id(kind, value))
			.update());
	}

	/** Keys locked now, the longest lock first (at most {@code limit}). */
	public List<Lock> locks(int limit) {
		return this.jdbc
			.sql("SELECT id, kind, subject, locked_until, lockouts FROM login_throttle WHERE locked_until > ? "
					+ "ORDER BY locked_until DESC, id LIMIT ?")
			.params(Timestamp.from(Instant.now()), limit)
			.query((rs, rowNum) -> new Lock(rs.getString("id"), Kind.ofLabel(rs.getString("kind")),
					rs.getString("subject"), rs.getTimestamp("locked_until").toInstant(), rs.getInt("lockouts")))
			.list();
	}

	/** Lifts a lock now: the key starts again from zero. The lock that was lifted, if there was one. */
	public Lock lift(String id) {
		List<Lock> lock = this.jdbc
			.sql("SELECT id, kind, subject, locked_until, lockouts FROM login_throttle WHERE id = ? AND locked_until > ?")
			.params(id, Timestamp.from(Instant.now()))
			.query((rs, rowNum) -> new Lock(rs.getString("id"), Kind.ofLabel(rs.getString("kind")),
					rs.getString("subject"), rs.getTimestamp("locked_until").toInstant(), rs.getInt("lockouts")))
			.list();
		if (lock.isEmpty()) {
			return null;
		}
		int deleted = this.jdbc.sql("DELETE FROM login_throttle WHERE id = ? AND locked_until > ?")
			.params(id, Timestamp.from(Instant.now()))
			.update();
		return (deleted == 1) ? lock.get(0) : null;
	}

	/** Forgets keys whose last attempt is older than the window and that are not locked. */
	public int forgetOld() {
		Instant now = Instant.now();
		return this.jdbc
			.sql("DELETE FROM login_throttle WHERE last_attempt < ? AND (locked_until IS NULL OR locked_until < ?)")
			.params(Timestamp.from(now.minus(this.properties.window())), Timestamp.from(now))
			.update();
	}

	/**
	 * Writes one audit event per key and minute for the attempts refused in minutes that ended before {@code now}.
	 * Several nodes may run this at once: the node whose delete removes a row is the one that writes its event.
	 */
	public int auditRefusals(Instant now) {
		Instant currentMinute = now.truncatedTo(ChronoUnit.MINUTES);
		List<Refusals> ended = this.jdbc
			.sql("SELECT id, minute_start, kind, subject, refusals FROM login_throttle_refusals WHERE minute_start < ?")
			.param(Timestamp.from(currentMinute))
			.query((rs, rowNum) -> new Refusals(rs.getString("id"), rs.getTimestamp("minute_start").toInstant(),
					rs.getString("kind"), rs.getString("subject"), rs.getInt("refusals")))
			.list();
		int written = 0;
		for (Refusals refusals : ended) {
			int claimed = this.jdbc.sql("DELETE FROM login_throttle_refusals WHERE id = ? AND minute_start = ?")
				.params(refusals.id(), Timestamp.from(refusals.minute()))
				.update();
			if (claimed == 1) {
				boolean address = Kind.ADDRESS.label().equals(refusals.kind());
				this.auditLog.record("anonymous", "sign-in.throttled",
						(refusals.subject() != null) ? refusals.subject() : "(unknown " + refusals.kind() + ")",
						AuditEvent.Outcome.FAILURE, refusals.count() + " attempt(s) refused in the minute from "
								+ refusals.minute() + ": " + refusals.kind() + " locked",
						address ? refusals.subject() : null);
				written++;
			}
		}
		return written;
	}

	private Decision reserveInTransaction(TransactionStatus status, Kind kind, String value, String id,
			String subject) {
		Instant now = Instant.now();
		Timestamp nowTs = Timestamp.from(now);
		Timestamp windowStart = Timestamp.from(now.minus(this.properties.window()));
		int limit = limit(kind);
		// The usual attempt, one statement and nothing read back: a key under its limit (the increment only
		// matches while the count it makes stays within the limit), or a key not seen yet.
		int counted = this.jdbc.sql(INCREMENT + " AND (last_attempt < ? OR attempts < ?)")
			.params(windowStart, windowStart, nowTs, id, nowTs, windowStart, limit)
			.update();
		if (counted == 1 || (limit >= 1 && inserted(status, kind, id, subject, nowTs))) {
			return Decision.ALLOWED;
		}
		// At the limit, locked, or raced by another attempt: count, then read back what the count decides.
		for (int tries = 0; tries < 5; tries++) {
			// The increment is the reservation: the row lock it takes orders concurrent attempts.
			int updated = this.jdbc.sql(INCREMENT).params(windowStart, windowStart, nowTs, id, nowTs).update();
			if (updated == 1) {
				return decide(status, kind, value, id, now);
			}
			List<Locked> row = this.jdbc.sql("SELECT locked_until, subject FROM login_throttle WHERE id = ?")
				.param(id)
				.query((rs, rowNum) -> new Locked(rs.getTimestamp("locked_until"), rs.getString("subject")))
				.list();
			if (!row.isEmpty() && row.get(0).until() != null && row.get(0).until().after(nowTs)) {
				countRefusal(status, kind, id, row.get(0).subject(), now);
				return new Decision(false, row.get(0).until().toInstant());
			}
			if (row.isEmpty() && inserted(status, kind, id, subject, nowTs)) {
				return decide(status, kind, value, id, now);
			}
		}
		throw new IllegalStateException("Could not reserve a sign-in attempt");
	}

	/** The first attempt on a key: false when another attempt inserted it first (then count ours on its row). */
	private boolean inserted(TransactionStatus status, Kind kind, String id, String subject, Timestamp now) {
		// PostgreSQL aborts a transaction on a duplicate key: the savepoint keeps ours usable.
		Object savepoint = status.createSavepoint();
		try {
			this.jdbc.sql("INSERT INTO login_throttle (id, kind, subject, attempts, lockouts, last_attempt) "
					+ "VALUES (?, ?, ?, 1, 0, ?)")
				.params(id, kind.label(), truncate(subject), now)
				.update();
			status.releaseSavepoint(savepoint);
			return true;
		}
		catch (DuplicateKeyException ex) {
			status.rollbackToSavepoint(savepoint);
			return false;
		}
	}

	/** Reads back the count this reservation produced; over the limit, locks the key. */
	private Decision decide(TransactionStatus status, Kind kind, String value, String id, Instant now) {
		Counted counted = this.jdbc.sql("SELECT attempts, lockouts, subject FROM login_throttle WHERE id = ?")
			.param(id)
			.query((rs, rowNum) -> new Counted(rs.getInt("attempts"), rs.getInt("lockouts"), rs.getString("subject")))
			.single();
		int limit = limit(kind);
		if (counted.attempts() <= limit) {
			return Decision.ALLOWED;
		}
		Instant until = now.plus(lockout(counted.lockouts()));
		String subject = (counted.subject() != null) ? counted.subject() : lockedSubject(kind, value);
		// After the lock one more attempt may be tried; if it fails too, the next lock lasts twice as long.
		this.jdbc.sql("UPDATE login_throttle SET locked_until = ?, lockouts = lockouts + 1, attempts = ?, "
				+ "subject = ? WHERE id = ?")
			.params(Timestamp.from(until), limit - 1, truncate(subject), id)
			.update();
		this.auditLog.record("anonymous", "sign-in.locked", subject, AuditEvent.Outcome.FAILURE,
				kind.label() + " locked until " + until + " after " + (limit + 1) + " attempts",
				(kind == Kind.ADDRESS) ? subject : null);
		countRefusal(status, kind, id, subject, now);
		return new Decision(false, until);
	}

	private void countRefusal(TransactionStatus status, Kind kind, String id, String subject, Instant now) {
		Timestamp minute = Timestamp.from(now.truncatedTo(ChronoUnit.MINUTES));
		for (int tries = 0; tries < 3; tries++) {
			int updated = this.jdbc
				.sql("UPDATE login_throttle_refusals SET refusals = refusals + 1 WHERE id = ? AND minute_start = ?")
				.params(id, minute)
				.update();
			if (updated == 1) {
				return;
			}
			Object savepoint = status.createSavepoint();
			try {
				this.jdbc.sql("INSERT INTO login_throttle_refusals (id, minute_start, kind, subject, refusals) "
						+ "VALUES (?, ?, ?, ?, 1)")
					.params(id, minute, kind.label(), truncate(subject))
					.update();
				status.releaseSavepoint(savepoint);
				return;
			}
			catch (DuplicateKeyException ex) {
				// counted by a concurrent refusal's insert: add ours to it
				status.rollbackToSavepoint(savepoint);
			}
		}
	}

	/**
	 * What an admin sees for a locked username: the account it names, else a placeholder. Resolved only when a lock
	 * is set, so an ordinary attempt costs no lookup, and a password typed into the username field is never stored.
	 */
	private String lockedSubject(Kind kind, String value) {
		if (kind != Kind.USERNAME) {
			return "(unknown)";
		}
		return this.accounts.findByUsername(value).map(UserAccount::id).orElse(UNKNOWN_USERNAME);
	}

	private int limit(Kind kind) {
		return switch (kind) {
			case ADDRESS -> this.properties.addressFailures();
			case DEVICE -> this.properties.deviceFailures();
			case USERNAME, CURRENT_PASSWORD, SECOND_FACTOR -> this.properties.accountFailures();
		};
	}

	/** The first lock lasts {@code lockout}; each further lock in the window doubles it, up to the maximum. */
	private Duration lockout(int earlierLocks) {
		Duration lockout = this.properties.lockout().multipliedBy(1L << Math.min(earlierLocks, 20));
		return (lockout.compareTo(this.properties.maxLockout()) > 0) ? this.properties.maxLockout() : lockout;
	}

	private void quietly(Runnable write) {
		try {
			write.run();
		}
		catch (DataAccessException ex) {
			logger.error("Could not update a sign-in throttle count", ex);
		}
	}

	/** The stored key: kind and value hashed, so any value fits and none is stored as typed. */
	static String id(Kind kind, String value) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			byte[] digest = sha256.digest((kind.label() + ":" + ((value != null) ? value : ""))
				.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String truncate(String subject) {
		return (subject == null || subject.length() <= MAX_SUBJECT) ? subject : subject.substring(0, MAX_SUBJECT);
	}

	private record Locked(Timestamp until, String subject) {
	}

	private record Counted(int attempts, int lockouts, String subject) {
	}

	private record Refusals(String id, Instant minute, String kind, String subject, int count) {
	}

}
