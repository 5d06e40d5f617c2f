package dev.portcullis.idp.keys;

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Signing keys in the {@code signing_keys} table, as JWK JSON, sealed when a key is configured ({@link KeyEncryption}). */
@Repository
class SigningKeyRepository {

	private final JdbcClient jdbc;

	private final KeyEncryption encryption;

	SigningKeyRepository(JdbcClient jdbc, KeyEncryption encryption) {
		this.jdbc = jdbc;
		this.encryption = encryption;
	}

	/**
	 * Seals the keys stored before an encryption key was configured; returns how many. An update per key, each
	 * only if still unsealed, so two nodes starting together do not seal one twice.
	 */
	int sealUnsealed() {
		if (!this.encryption.enabled()) {
			return 0;
		}
		int sealed = 0;
		List<String[]> stored = this.jdbc.sql("SELECT kid, jwk FROM signing_keys")
			.query((rs, rowNum) -> new String[] { rs.getString("kid"), rs.getString("jwk") })
			.list();
		for (String[] key : stored) {
			if (!KeyEncryption.isSealed(key[1])) {
				sealed += this.jdbc.sql("UPDATE signing_keys SET jwk = ? WHERE kid = ? AND jwk = ?")
					.params(this.encryption.seal(key[1]), key[0], key[1])
					.update();
			}
		}
		return sealed;
	}


	/** Keys that are still published (not past their retirement), newest activation first. */
	List<SigningKey> findPublished(Instant now) {
		return this.jdbc
			.sql("SELECT kid, jwk, created_at, activated_at, retired_at FROM signing_keys "
					+ "WHERE retired_at IS NULL OR retired_at > ? ORDER BY activated_at DESC NULLS LAST, created_at DESC")
			.param(Timestamp.from(now))
			.query((rs, rowNum) -> new SigningKey(rs.getString("kid"), parse(this.encryption.open(rs.getString("jwk"))),
					rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("activated_at")),
					instant(rs.getTimestamp("retired_at"))))
			.list();
	}

	void insert(JWK jwk, Instant activatedAt) {
		this.jdbc
			.sql("INSERT INTO signing_keys (kid, algorithm, jwk, created_at, activated_at) VALUES (?, ?, ?, ?, ?)")
			.params(jwk.getKeyID(), String.valueOf(jwk.getAlgorithm()), this.encryption.seal(jwk.toJSONString()),
					Timestamp.from(Instant.now()), (activatedAt != null) ? Timestamp.from(activatedAt) : null)
			.update();
	}

	void retire(String kid, Instant retiredAt) {
		this.jdbc.sql("UPDATE signing_keys SET retired_at = ? WHERE kid = ?")
			.params(Timestamp.from(retiredAt), kid)
			.update();
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static JWK parse(String json) {
		try {
			return JWK.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("A stored signing key is not a valid JWK", ex);
		}
	}

}
