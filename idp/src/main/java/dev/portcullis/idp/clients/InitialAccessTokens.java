package dev.portcullis.idp.clients;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.portcullis.idp.admin.InvalidInputException;
import dev.portcullis.idp.admin.NotFoundException;
import dev.portcullis.idp.audit.AuditLog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Service;

/**
 * Initial access tokens for dynamic client registration (RFC 7591 section 3; OpenID Connect Dynamic Client
 * Registration 1.0 section 3): an admin issues one in the console, hands it to whoever registers an app, and it
 * registers exactly one app before it expires, unless revoked first.
 * <p>
 * The token is a JWT signed by the IdP with the single scope {@code client.create}, so the registration endpoint's
 * bearer-token filter accepts it; what makes it valid is its row here, found by the SHA-256 of the token. The token
 * itself is never stored: it is shown once. Revoking or using it updates the row, so it stops working at once on
 * every node.
 */
@Service
public class InitialAccessTokens {

	public static final String SCOPE = "client.create";

	/** The longest an initial access token may live (and so the longest a key that signed one stays published). */
	public static final Duration MAX_LIFETIME = Duration.ofDays(30);

	private static final String SELECT = "SELECT id, description, created_by, created_at, expires_at, used_at, "
			+ "used_by_client_id, revoked_at, revoked_by FROM initial_access_tokens ";

	private final JdbcClient jdbc;

	private final JwtEncoder jwtEncoder;

	private final String issuer;

	private final String registrationEndpoint;

	private final AuditLog auditLog;

	InitialAccessTokens(JdbcClient jdbc, JwtEncoder jwtEncoder, AuthorizationServerSettings settings,
			AuditLog auditLog) {
		this.jdbc = jdbc;
		this.jwtEncoder = jwtEncoder;
		this.issuer = settings.getIssuer();
		this.registrationEndpoint = settings.getIssuer() + settings.getOidcClientRegistrationEndpoint();
		this.auditLog = auditLog;
	}

	/** Issues a token valid for {@code lifetime} (at most 30 days); the answer is the only copy of it. */
	public Issued issue(String description, Duration lifetime, String actor) {
		String label = (description != null) ? description.trim() : "";
		if (label.isEmpty() || label.length() > 200) {
			throw InvalidInputException.of("description", "Say in 1 to 200 characters who or what it is for");
		}
		if (lifetime == null || lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
			throw InvalidInputException.of("lifetime", "Choose a lifetime of at most 30 days");
		}
		String id = UUID.randomUUID().toString();
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant expiresAt = now.plus(lifetime);
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.issuer)
			.subject("initial-access-token")
			.audience(Collections.singletonList(this.registrationEndpoint))
			.id(id)
			.issuedAt(now)
			.expiresAt(expiresAt)
			.claim("scope", Collections.unmodifiableSet(new HashSet<>(Set.of(SCOPE))))
			.build();
		String token = this.jwtEncoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
			.getTokenValue();
		this.jdbc.sql("INSERT INTO initial_access_tokens (id, token_hash, description, created_by, created_at, "
				+ "expires_at) VALUES (?, ?, ?, ?, ?, ?)")
			.params(id, hash(token), label, actor, Timestamp.from(now), Timestamp.from(expiresAt))
			.update();
		this.auditLog.success(actor, "initial-access-token.issued", id,
				"description=" + label + "; expires=" + expiresAt);
		return new Issued(find(id).orElseThrow(), token);
	}

	public List<InitialAccessToken> list() {
		return this.jdbc.sql(SELECT + "ORDER BY created_at DESC LIMIT 200").query(InitialAccessTokens::row).list();
	}

	public void revoke(String id, String actor) {
		InitialAccessToken token = find(id).orElseThrow(() -> new NotFoundException("No such initial access token"));
		if (token.revokedAt() == null) {
			this.jdbc.sql("UPDATE initial_access_tokens SET revoked_at = ?, revoked_by = ? WHERE id = ? "
					+ "AND revoked_at IS NULL")
				.params(Timestamp.from(Instant.now()), actor, id)
				.update();
			this.auditLog.success(actor, "initial-access-token.revoked", id, "description=" + token.description());
		}
	}

	/** The token's record while it can still register an app (not used, expired or revoked). */
	Optional<InitialAccessToken> findActive(String token) {
		return this.jdbc.sql(SELECT + "WHERE token_hash = ?")
			.param(hash(token))
			.query(InitialAccessTokens::row)
			.optional()
			.filter(InitialAccessToken::isActive);
	}

	/**
	 * Uses the token up, atomically: of two registrations racing with the same token, one wins. Returns false when
	 * it was no longer active. Runs in the caller's transaction, so a failed registration gives the token back.
	 */
	boolean consume(String id, String clientId) {
		Instant now = Instant.now();
		return this.jdbc.sql("UPDATE initial_access_tokens SET used_at = ?, used_by_client_id = ? WHERE id = ? "
				+ "AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?")
			.params(Timestamp.from(now), clientId, id, Timestamp.from(now))
			.update() == 1;
	}

	private Optional<InitialAccessToken> find(String id) {
		return this.jdbc.sql(SELECT + "WHERE id = ?").param(id).query(InitialAccessTokens::row).optional();
	}

	private static InitialAccessToken row(ResultSet rs, int rowNum) throws SQLException {
		return new InitialAccessToken(rs.getString("id"), rs.getString("description"), rs.getString("created_by"),
				instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "used_at"),
				rs.getString("used_by_client_id"), instant(rs, "revoked_at"), rs.getString("revoked_by"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JRE", ex);
		}
	}

	/** A token just issued: its record, and the token itself, shown once. */
	public record Issued(InitialAccessToken record, String token) {

		@Override
		public String toString() {
			return "Issued[" + this.record.id() + "]";
		}

	}

}
