package dev.portcullis.idp.mfa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import dev.portcullis.idp.audit.AuditLog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recovery codes: ten single-use codes a person keeps on paper for when their phone is gone. Each is 16 characters
 * (80 random bits), shown once, stored as a SHA-256 of account id and code; a new set replaces the old one. A code
 * is used with one conditional update, so two requests with the same code cannot both succeed.
 */
@Service
public class RecoveryCodes {

	static final int COUNT = 10;

	/** 32 symbols without look-alikes (no i, l, o, u), so a code is read back from paper without doubt. */
	private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

	private static final int LENGTH = 16;

	private final JdbcClient jdbc;

	private final AuditLog auditLog;

	private final SecureRandom random = new SecureRandom();

	RecoveryCodes(JdbcClient jdbc, AuditLog auditLog) {
		this.jdbc = jdbc;
		this.auditLog = auditLog;
	}

	/** A new set for the person, replacing any earlier one: the codes, to show once ("xxxx-xxxx-xxxx-xxxx"). */
	@Transactional
	public List<String> generate(String accountId, String actor) {
		this.jdbc.sql("DELETE FROM recovery_codes WHERE account_id = ?").param(accountId).update();
		List<String> codes = new ArrayList<>();
		Timestamp now = Timestamp.from(Instant.now());
		for (int i = 0; i < COUNT; i++) {
			StringBuilder code = new StringBuilder();
			for (int c = 0; c < LENGTH; c++) {
				if (c > 0 && c % 4 == 0) {
					code.append('-');
				}
				code.append(ALPHABET[this.random.nextInt(ALPHABET.length)]);
			}
			codes.add(code.toString());
			this.jdbc.sql("INSERT INTO recovery_codes (account_id, code_hash, created_at) VALUES (?, ?, ?)")
				.params(accountId, hash(accountId, code.toString()), now)
				.update();
		}
		this.auditLog.success(actor, "mfa.recovery-codes-generated", accountId, COUNT + " new recovery codes");
		return codes;
	}

	/** Uses one code of the person: true once per code, false for anything else. */
	public boolean use(String accountId, String code) {
		String normalized = normalized(code);
		if (normalized.length() != LENGTH) {
			return false;
		}
		return this.jdbc
			.sql("UPDATE recovery_codes SET used_at = ? WHERE account_id = ? AND code_hash = ? AND used_at IS NULL")
			.params(Timestamp.from(Instant.now()), accountId, hash(accountId, normalized))
			.update() == 1;
	}

	/** Codes of the person not used yet. */
	public int remaining(String accountId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM recovery_codes WHERE account_id = ? AND used_at IS NULL")
			.param(accountId)
			.query(Integer.class)
			.single();
	}

	/** Does the person have a set at all (used up or not)? */
	public boolean exists(String accountId) {
		return !this.jdbc.sql("SELECT 1 FROM recovery_codes WHERE account_id = ? LIMIT 1")
			.param(accountId)
			.query(Integer.class)
			.list()
			.isEmpty();
	}

	/** Removes the person's codes; how many were unused. */
	public int removeAll(String accountId) {
		int unused = remaining(accountId);
		this.jdbc.sql("DELETE FROM recovery_codes WHERE account_id = ?").param(accountId).update();
		return unused;
	}

	/** Case, spaces and dashes as typed do not matter. */
	static String normalized(String code) {
		return (code != null) ? code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT) : "";
	}

	private static String hash(String accountId, String code) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((accountId + ":" + normalized(code)).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JRE", ex);
		}
	}

}
