package dev.portcullis.idp.clients;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Repository;

/**
 * What the stock client repository cannot do: list every app (enabled or not) for the console, remember when each
 * was last used, and delete one together with its grants and consents.
 */
@Repository
public class ClientCatalog {

	private static final String COLUMNS = "id, client_id, client_id_issued_at, client_secret, client_secret_expires_at, "
			+ "client_name, client_authentication_methods, authorization_grant_types, redirect_uris, "
			+ "post_logout_redirect_uris, scopes, client_settings, token_settings";

	private final JdbcOperations jdbc;

	/** The same check on read as the repository: a bad stored URI must not break the list of apps. */
	private final RowMapper<RegisteredClient> rowMapper = new StoredUriCheck(
			new JdbcRegisteredClientRepository.JsonMapperRegisteredClientRowMapper());

	ClientCatalog(JdbcOperations jdbc) {
		this.jdbc = jdbc;
	}

	/** Every registered app, by name. */
	public List<RegisteredClient> all() {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM oauth2_registered_client ORDER BY LOWER(client_name), "
				+ "client_id", this.rowMapper);
	}

	/** When each app last got tokens, by internal id; apps never used are absent. */
	public Map<String, Instant> lastUsed() {
		Map<String, Instant> lastUsed = new HashMap<>();
		this.jdbc.query("SELECT id, last_used_at FROM oauth2_registered_client WHERE last_used_at IS NOT NULL",
				(rs) -> {
					lastUsed.put(rs.getString("id"), rs.getTimestamp("last_used_at").toInstant());
				});
		return lastUsed;
	}

	/** The {@code limit} apps used most recently, then those never used, by name (the admin home page). */
	public List<AppUse> recentlyUsed(int limit) {
		return this.jdbc.query("SELECT client_id, client_name, last_used_at FROM oauth2_registered_client "
				+ "ORDER BY last_used_at DESC NULLS LAST, LOWER(client_name) LIMIT ?", (rs, rowNum) -> {
					Timestamp lastUsed = rs.getTimestamp("last_used_at");
					return new AppUse(rs.getString("client_id"), rs.getString("client_name"),
							(lastUsed != null) ? lastUsed.toInstant() : null);
				}, limit);
	}

	public long count() {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM oauth2_registered_client", Long.class);
		return (count != null) ? count : 0;
	}

	/** An app and when it last got tokens ({@code null}: never). */
	public record AppUse(String clientId, String name, Instant lastUsedAt) {
	}

	public Instant lastUsed(String id) {
		List<Timestamp> found = this.jdbc.queryForList(
				"SELECT last_used_at FROM oauth2_registered_client WHERE id = ? AND last_used_at IS NOT NULL",
				Timestamp.class, id);
		return found.isEmpty() ? null : found.get(0).toInstant();
	}

	void recordUse(String id, Instant when) {
		this.jdbc.update("UPDATE oauth2_registered_client SET last_used_at = ? WHERE id = ?", Timestamp.from(when), id);
	}

	/** Deletes the app, its grants (so its refresh tokens stop working) and its consents; returns the grants deleted. */
	int deleteWithGrants(String id) {
		int grants = this.jdbc.update("DELETE FROM oauth2_authorization WHERE registered_client_id = ?", id);
		this.jdbc.update("DELETE FROM oauth2_authorization_consent WHERE registered_client_id = ?", id);
		this.jdbc.update("DELETE FROM oauth2_registered_client WHERE id = ?", id);
		return grants;
	}

}
