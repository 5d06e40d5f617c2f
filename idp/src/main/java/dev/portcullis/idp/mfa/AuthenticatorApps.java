package dev.portcullis.idp.mfa;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.keys.KeyEncryption;
import org.apache.commons.codec.binary.Base32;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Authenticator apps (TOTP, RFC 6238): a person adds one by scanning a QR code of its secret and typing one code it
 * shows; afterwards a code from any of their apps is a second factor. A code is accepted once: the last accepted
 * time step is kept per person, and only a later one is accepted (RFC 6238, section 5.2). Secrets are sealed at rest
 * with {@link KeyEncryption} and never logged or shown again.
 */
@Service
public class AuthenticatorApps implements SecondFactorSource {

	static final String PURPOSE = "authenticator-app";

	private static final int SECRET_BYTES = 20; // 160 bits, RFC 4226 section 4

	static final int MAX_NAME = 100;

	private final JdbcClient jdbc;

	private final KeyEncryption encryption;

	private final AuditLog auditLog;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	private final Totp totp = Totp.AUTHENTICATOR_APPS;

	AuthenticatorApps(JdbcClient jdbc, KeyEncryption encryption, AuditLog auditLog) {
		this.jdbc = jdbc;
		this.encryption = encryption;
		this.auditLog = auditLog;
		this.clock = Clock.systemUTC();
	}

	@Override
	public SecondFactor.Kind kind() {
		return SecondFactor.Kind.AUTHENTICATOR_APP;
	}

	/** A fresh secret, in the base32 that apps take (upper case, no padding). */
	public String newSecret() {
		byte[] secret = new byte[SECRET_BYTES];
		this.random.nextBytes(secret);
		return new Base32().encodeToString(secret).replace("=", "");
	}

	/** The key URI apps scan (Google Authenticator's format, which every app reads). */
	public static String otpauthUri(String issuer, String username, String secret) {
		String label = encode(issuer) + ":" + encode(username);
		return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(issuer)
				+ "&algorithm=SHA1&digits=6&period=30";
	}

	/**
	 * Adds an app once the person proved they set it up: {@code code} must be a current code of {@code secret}. The
	 * step it belongs to counts as used. Null when the code does not match.
	 */
	public SecondFactor add(String accountId, String name, String secret, String code) {
		long step = this.totp.matchingStep(decode(secret), normalized(code), this.clock.instant());
		if (step < 0 || !acceptStep(accountId, step)) {
			return null;
		}
		SecondFactor app = new SecondFactor(UUID.randomUUID().toString(), SecondFactor.Kind.AUTHENTICATOR_APP,
				cleanName(name), this.clock.instant(), this.clock.instant());
		this.jdbc.sql("INSERT INTO authenticator_apps (id, account_id, name, secret, created_at, last_used_at) "
				+ "VALUES (?, ?, ?, ?, ?, ?)")
			.params(app.id(), accountId, app.name(), this.encryption.sealSecret(secret, PURPOSE),
					Timestamp.from(app.createdAt()), Timestamp.from(app.createdAt()))
			.update();
		this.auditLog.success(accountId, "mfa.added", accountId, app.auditDetails());
		return app;
	}

	/** Is {@code code} a current, unused code of one of the person's apps? Marks its step used if so. */
	public boolean verify(String accountId, String code) {
		String typed = normalized(code);
		if (!typed.matches("\\d{6}")) {
			return false;
		}
		Instant now = this.clock.instant();
		for (StoredApp app : stored(accountId)) {
			long step = this.totp.matchingStep(decode(this.encryption.openSecret(app.secret(), PURPOSE)), typed, now);
			if (step >= 0) {
				if (!acceptStep(accountId, step)) {
					return false; // used already: a replay, or the same code sent twice
				}
				this.jdbc.sql("UPDATE authenticator_apps SET last_used_at = ? WHERE id = ?")
					.params(Timestamp.from(now), app.id())
					.update();
				return true;
			}
		}
		return false;
	}

	@Override
	public List<SecondFactor> factorsOf(String accountId) {
		return this.jdbc
			.sql("SELECT id, name, created_at, last_used_at FROM authenticator_apps WHERE account_id = ? "
					+ "ORDER BY created_at, id")
			.param(accountId)
			.query((rs, rowNum) -> new SecondFactor(rs.getString("id"), SecondFactor.Kind.AUTHENTICATOR_APP,
					rs.getString("name"), rs.getTimestamp("created_at").toInstant(),
					(rs.getTimestamp("last_used_at") != null) ? rs.getTimestamp("last_used_at").toInstant() : null))
			.list();
	}

	@Override
	public boolean hasAny(String accountId) {
		return !this.jdbc.sql("SELECT 1 FROM authenticator_apps WHERE account_id = ? LIMIT 1")
			.param(accountId)
			.query(Integer.class)
			.list()
			.isEmpty();
	}

	@Override
	public boolean remove(String accountId, String factorId) {
		return this.jdbc.sql("DELETE FROM authenticator_apps WHERE id = ? AND account_id = ?")
			.params(factorId, accountId)
			.update() == 1;
	}

	@Override
	public int removeAll(String accountId) {
		return this.jdbc.sql("DELETE FROM authenticator_apps WHERE account_id = ?").param(accountId).update();
	}

	/**
	 * Compare-and-set of the person's last accepted step: true only for the one request that moves it forward, on
	 * any node. A code of the same or an earlier step than one accepted before is refused.
	 */
	private boolean acceptStep(String accountId, long step) {
		int moved = this.jdbc.sql("UPDATE totp_last_steps SET last_step = ? WHERE account_id = ? AND last_step < ?")
			.params(step, accountId, step)
			.update();
		if (moved == 1) {
			return true;
		}
		boolean known = !this.jdbc.sql("SELECT 1 FROM totp_last_steps WHERE account_id = ?")
			.param(accountId)
			.query(Integer.class)
			.list()
			.isEmpty();
		if (known) {
			return false;
		}
		try {
			this.jdbc.sql("INSERT INTO totp_last_steps (account_id, last_step) VALUES (?, ?)")
				.params(accountId, step)
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false; // a concurrent request accepted a code first
		}
	}

	private List<StoredApp> stored(String accountId) {
		return this.jdbc.sql("SELECT id, secret FROM authenticator_apps WHERE account_id = ? ORDER BY created_at, id")
			.param(accountId)
			.query((rs, rowNum) -> new StoredApp(rs.getString("id"), rs.getString("secret")))
			.list();
	}

	static String cleanName(String name) {
		String trimmed = (name != null) ? name.strip() : "";
		if (trimmed.isEmpty()) {
			return "Authenticator app";
		}
		return (trimmed.length() > MAX_NAME) ? trimmed.substring(0, MAX_NAME) : trimmed;
	}

	/** What people type: spaces (apps show "123 456") are not part of the code. */
	static String normalized(String code) {
		return (code != null) ? code.replaceAll("\\s", "") : "";
	}

	static byte[] decode(String base32) {
		return new Base32().decode(base32.toUpperCase(Locale.ROOT));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private record StoredApp(String id, String secret) {
	}

}
