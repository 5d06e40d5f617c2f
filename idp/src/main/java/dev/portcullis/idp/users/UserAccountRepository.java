package dev.portcullis.idp.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Accounts and their roles, in the {@code users} and {@code user_roles} tables. */
@Repository
public class UserAccountRepository {

	/** Longer input cannot be a username; refusing it early keeps junk out of queries and logs. */
	public static final int MAX_USERNAME_LENGTH = 100;

	private static final String SELECT = "SELECT id, username, email, display_name, password_hash, enabled, "
			+ "created_at, updated_at, last_login_at FROM users ";

	private final JdbcClient jdbc;

	public UserAccountRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public static String normalize(String value) {
		return (value != null) ? value.trim().toLowerCase(Locale.ROOT) : null;
	}

	public Optional<UserAccount> findByUsername(String username) {
		if (username == null || username.isBlank() || username.length() > MAX_USERNAME_LENGTH) {
			return Optional.empty();
		}
		return findOne(SELECT + "WHERE username = ?", normalize(username));
	}

	/** What tokens say about a person, in one indexed read (the token endpoint's hot path). */
	public Optional<Profile> findProfile(String id) {
		return this.jdbc.sql("SELECT username, email, display_name, enabled FROM users WHERE id = ?")
			.param(id)
			.query((rs, rowNum) -> new Profile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
			.optional();
	}

	public record Profile(String username, String email, String displayName, boolean enabled) {
	}

	public Optional<UserAccount> findById(String id) {
		return findOne(SELECT + "WHERE id = ?", id);
	}

	public boolean existsByUsername(String username) {
		return this.jdbc.sql("SELECT COUNT(*) FROM users WHERE username = ?")
			.param(normalize(username))
			.query(Integer.class)
			.single() > 0;
	}

	/** Enabled accounts holding {@code role}: a disabled admin cannot administer anything. */
	public long countEnabledWithRole(String role) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM user_roles r JOIN users u ON u.id = r.user_id WHERE r.role = ? AND u.enabled")
			.param(role)
			.query(Long.class)
			.single();
	}

	public long countWithRole(String role) {
		return this.jdbc.sql("SELECT COUNT(*) FROM user_roles WHERE role = ?").param(role).query(Long.class).single();
	}

	/** Creates an account; {@code passwordHash} must already be encoded. */
	@Transactional
	public UserAccount create(String username, String email, String displayName, String passwordHash,
			Set<String> roles) {
		Instant now = Instant.now();
		String id = UUID.randomUUID().toString();
		this.jdbc.sql("INSERT INTO users (id, username, email, display_name, password_hash, enabled, created_at, "
				+ "updated_at) VALUES (?, ?, ?, ?, ?, TRUE, ?, ?)")
			.params(id, normalize(username), normalize(email), displayName, passwordHash, Timestamp.from(now),
					Timestamp.from(now))
			.update();
		for (String role : roles) {
			this.jdbc.sql("INSERT INTO user_roles (user_id, role) VALUES (?, ?)").params(id, role).update();
		}
		return findById(id).orElseThrow();
	}

	public void updatePasswordHash(String id, String passwordHash) {
		this.jdbc.sql("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?")
			.params(passwordHash, Timestamp.from(Instant.now()), id)
			.update();
	}

	public void recordLogin(String id) {
		this.jdbc.sql("UPDATE users SET last_login_at = ? WHERE id = ?")
			.params(Timestamp.from(Instant.now()), id)
			.update();
	}

	public boolean existsByEmail(String email) {
		return this.jdbc.sql("SELECT COUNT(*) FROM users WHERE email = ?")
			.param(normalize(email))
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Accounts whose username, email or name contains {@code query} (any case), by username; all when the query is
	 * blank. For the admin console and API.
	 */
	public List<UserAccount> search(String query, int offset, int limit) {
		List<String> ids = this.jdbc.sql("SELECT id FROM users " + searchFilter(query) + "ORDER BY username LIMIT ? OFFSET ?")
			.params(searchParams(query, limit, offset))
			.query(String.class)
			.list();
		return ids.stream().map(this::findById).flatMap(Optional::stream).toList();
	}

	public long countMatching(String query) {
		return this.jdbc.sql("SELECT COUNT(*) FROM users " + searchFilter(query))
			.params(searchParams(query))
			.query(Long.class)
			.single();
	}

	public void setEnabled(String id, boolean enabled) {
		this.jdbc.sql("UPDATE users SET enabled = ?, updated_at = ? WHERE id = ?")
			.params(enabled, Timestamp.from(Instant.now()), id)
			.update();
	}

	public void addRole(String id, String role) {
		if (this.jdbc.sql("SELECT COUNT(*) FROM user_roles WHERE user_id = ? AND role = ?")
			.params(id, role)
			.query(Integer.class)
			.single() == 0) {
			this.jdbc.sql("INSERT INTO user_roles (user_id, role) VALUES (?, ?)").params(id, role).update();
		}
	}

	public void removeRole(String id, String role) {
		this.jdbc.sql("DELETE FROM user_roles WHERE user_id = ? AND role = ?").params(id, role).update();
	}

	private static String searchFilter(String query) {
		return (query == null || query.isBlank()) ? ""
				: "WHERE username LIKE ? ESCAPE '!' OR email LIKE ? ESCAPE '!' OR LOWER(display_name) LIKE ? ESCAPE '!' ";
	}

	private static Object[] searchParams(String query, Object... more) {
		List<Object> params = new java.util.ArrayList<>();
		if (query != null && !query.isBlank()) {
			String pattern = "%" + normalize(query).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
			params.add(pattern);
			params.add(pattern);
			params.add(pattern);
		}
		params.addAll(List.of(more));
		return params.toArray();
	}

	private Optional<UserAccount> findOne(String sql, Object param) {
		List<Row> rows = this.jdbc.sql(sql).param(param).query(UserAccountRepository::row).list();
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		Row row = rows.get(0);
		Set<String> roles = new HashSet<>(this.jdbc.sql("SELECT role FROM user_roles WHERE user_id = ?")
			.param(row.id())
			.query(String.class)
			.list());
		return Optional.of(new UserAccount(row.id(), row.username(), row.email(), row.displayName(),
				row.passwordHash(), row.enabled(), Set.copyOf(roles), row.createdAt(), row.updatedAt(),
				row.lastLoginAt()));
	}

	private static Row row(ResultSet rs, int rowNum) throws SQLException {
		return new Row(rs.getString("id"), rs.getString("username"), rs.getString("email"),
				rs.getString("display_name"), rs.getString("password_hash"), rs.getBoolean("enabled"),
				instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "last_login_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private record Row(String id, String username, String email, String displayName, String passwordHash,
			boolean enabled, Instant createdAt, Instant updatedAt, Instant lastLoginAt) {
	}

}
