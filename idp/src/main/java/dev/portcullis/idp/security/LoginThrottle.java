package dev.portcullis.idp.security;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.portcullis.idp.users.UserAccountRepository;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed sign-ins per username and per client address (OWASP ASVS 2.2.1). Past the limit the key is
 * locked for a growing while; the lock is checked before any password is hashed, so a locked key costs the IdP
 * one indexed read. Counts live in the database, so every node sees the same ones. A success clears the
 * account's count (not the address's: one right password must not let an address keep guessing others).
 */
@Service
public class LoginThrottle {

	private final JdbcClient jdbc;

	private final LoginThrottleProperties properties;

	LoginThrottle(JdbcClient jdbc, LoginThrottleProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/** When the sign-in of {@code username} from {@code address} may be tried again; null if it may now. */
	public Instant lockedUntil(String username, String address) {
		Instant now = Instant.now();
		Instant latest = null;
		for (String key : List.of(accountKey(username), addressKey(address))) {
			List<Timestamp> until = this.jdbc.sql("SELECT locked_until FROM login_failures WHERE throttle_key = ?")
				.param(key)
				.query(Timestamp.class)
				.list();
			if (!until.isEmpty() && until.get(0) != null && until.get(0).toInstant().isAfter(now)
					&& (latest == null || until.get(0).toInstant().isAfter(latest))) {
				latest = until.get(0).toInstant();
			}
		}
		return latest;
	}

	@Transactional
	public void failed(String username, String address) {
		record(accountKey(username), this.properties.accountFailures());
		record(addressKey(address), this.properties.addressFailures());
	}

	public void succeeded(String username) {
		this.jdbc.sql("DELETE FROM login_failures WHERE throttle_key = ?").param(accountKey(username)).update();
	}

	/** Forgets failures older than the window, and expired locks. */
	public int forgetOld() {
		Timestamp cutoff = Timestamp.from(Instant.now().minus(this.properties.window()));
		return this.jdbc
			.sql("DELETE FROM login_failures WHERE last_failure < ? AND (locked_until IS NULL OR locked_until < ?)")
			.params(cutoff, Timestamp.from(Instant.now()))
			.update();
	}

	private void record(String key, int limit) {
		Instant now = Instant.now();
		Instant windowStart = now.minus(this.properties.window());
		List<Integer> current = this.jdbc
			.sql("SELECT failures FROM login_failures WHERE throttle_key = ? AND last_failure >= ?")
			.params(key, Timestamp.from(windowStart))
			.query(Integer.class)
			.list();
		int failures = current.isEmpty() ? 1 : current.get(0) + 1;
		Timestamp lockedUntil = (failures >= limit) ? Timestamp.from(now.plus(lockout(failures - limit))) : null;
		int updated = this.jdbc
			.sql("UPDATE login_failures SET failures = ?, last_failure = ?, locked_until = ? WHERE throttle_key = ?")
			.params(failures, Timestamp.from(now), lockedUntil, key)
			.update();
		if (updated == 0) {
			try {
				this.jdbc
					.sql("INSERT INTO login_failures (throttle_key, failures, last_failure, locked_until) "
							+ "VALUES (?, ?, ?, ?)")
					.params(key, failures, Timestamp.from(now), lockedUntil)
					.update();
			}
			catch (org.springframework.dao.DuplicateKeyException ex) {
				// a concurrent failure inserted it; its count is close enough
			}
		}
	}

	/** The first lock lasts {@code lockout}; each failure beyond the limit doubles it, up to the maximum. */
	private Duration lockout(int beyondLimit) {
		Duration lockout = this.properties.lockout().multipliedBy(1L << Math.min(beyondLimit, 20));
		return (lockout.compareTo(this.properties.maxLockout()) > 0) ? this.properties.maxLockout() : lockout;
	}

	private static String accountKey(String username) {
		String normalized = UserAccountRepository.normalize(username);
		if (normalized == null) {
			normalized = "";
		}
		return "user:" + normalized.substring(0, Math.min(normalized.length(), 150));
	}

	private static String addressKey(String address) {
		return "addr:" + address;
	}

}
