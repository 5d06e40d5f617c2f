package dev.portcullis.idp.keys;

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Signing keys in the {@code signing_keys} table, as JWK JSON. */
@Repository
class SigningKeyRepository {

	private final JdbcClient jdbc;

	SigningKeyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Keys that are still published (not past their retirement), newest activation first. */
	List<SigningKey> findPublished(Instant now) {
		return this.jdbc
			.sql("SELECT kid, jwk, created_at, activated_at, retired_at FROM signing_keys "
					+ "WHERE retired_at IS NULL OR retired_at > ? ORDER BY activated_at DESC NULLS LAST, created_at DESC")
			.param(Timestamp.from(now))
			.query((rs, rowNum) -> new SigningKey(rs.getString("kid"), parse(rs.getString("jwk")),
					rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("activated_at")),
					instant(rs.getTimestamp("retired_at"))))
			.list();
	}

	void insert(JWK jwk, Instant activatedAt) {
		this.jdbc
			.sql("INSERT INTO signing_keys (kid, algorithm, jwk, created_at, activated_at) VALUES (?, ?, ?, ?, ?)")
			.params(jwk.getKeyID(), String.valueOf(jwk.getAlgorithm()), jwk.toJSONString(),
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
