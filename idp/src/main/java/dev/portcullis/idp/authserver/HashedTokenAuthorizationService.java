package dev.portcullis.idp.authserver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.sessions.SessionIds;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Grants (authorizations) in the stock {@code oauth2_authorization} table, found by token through indexed SHA-256
 * hashes of the token values instead of the stock unindexed value columns, so lookups stay fast as grants pile up.
 * <p>
 * Reads hold one connection for their query and whatever it nests: the stock row mapper fetches the registered
 * client while its result set is open, and a second connection taken from the pool for that (under load, every
 * connection held while waiting for another) is how the stock service deadlocks. A transaction scope of propagation
 * SUPPORTS binds the connection to the thread for the nested query without beginning a database transaction: no
 * switch of auto-commit, no commit, for what is one SELECT.
 * Saves are one insert (a new grant) or one update, without the stock service's full read-before-write, and a
 * compare-and-set on the grant's version as this request read it: of two requests working on one grant, the second
 * to save finds it changed, and the grant is revoked rather than silently overwritten.
 * <p>
 * Two rules of our own live here because they are about storage: a new grant is bound to the SSO session that
 * asked for it ({@link SessionIds#SID_ATTRIBUTE}, column {@code sid}); and a refresh token is remembered once it
 * has been exchanged, so presenting it again revokes the whole grant (OAuth 2.0 Security BCP, RFC 9700 section
 * 4.14.2: refresh token rotation with reuse detection).
 */
public class HashedTokenAuthorizationService extends JdbcOAuth2AuthorizationService {

	private static final String COLUMNS = "id, registered_client_id, principal_name, authorization_grant_type, "
			+ "authorized_scopes, attributes, state, authorization_code_value, authorization_code_issued_at, "
			+ "authorization_code_expires_at, authorization_code_metadata, access_token_value, "
			+ "access_token_issued_at, access_token_expires_at, access_token_metadata, access_token_type, "
			+ "access_token_scopes, oidc_id_token_value, oidc_id_token_issued_at, oidc_id_token_expires_at, "
			+ "oidc_id_token_metadata, refresh_token_value, refresh_token_issued_at, refresh_token_expires_at, "
			+ "refresh_token_metadata, user_code_value, user_code_issued_at, user_code_expires_at, "
			+ "user_code_metadata, device_code_value, device_code_issued_at, device_code_expires_at, "
			+ "device_code_metadata";

	private static final String HASH_COLUMNS = "state_hash, authorization_code_hash, access_token_hash, "
			+ "oidc_id_token_hash, refresh_token_hash, user_code_hash, device_code_hash, expires_at, sid";

	private static final String SELECT = "SELECT " + COLUMNS + ", row_version FROM oauth2_authorization WHERE ";

	private static final String INSERT = "INSERT INTO oauth2_authorization (" + COLUMNS + ", " + HASH_COLUMNS
			+ ") VALUES (" + "?, ".repeat(41) + "?)";

	private static final String UPDATE = "UPDATE oauth2_authorization SET " + Stream
		.concat(Stream.of(COLUMNS.split(", ")).skip(1), Stream.of(HASH_COLUMNS.split(", ")))
		.map((column) -> column + " = ?")
		.reduce((a, b) -> a + ", " + b)
		.orElseThrow() + ", row_version = row_version + 1 WHERE id = ?";

	/** Lookup order when the caller does not say which kind of token it holds (most frequent first). */
	private static final List<String> ANY_TOKEN_COLUMNS = List.of("access_token_hash", "refresh_token_hash",
			"authorization_code_hash", "oidc_id_token_hash", "state_hash", "user_code_hash", "device_code_hash");

	private static final String PRESENTED_REFRESH_TOKEN = HashedTokenAuthorizationService.class.getName()
			+ ".presentedRefreshToken";

	private static final String FOUND_THIS_REQUEST = HashedTokenAuthorizationService.class.getName() + ".found";

	/** The version of each grant as this request read it: its saves are compare-and-set on it. */
	private static final String VERSIONS_READ = HashedTokenAuthorizationService.class.getName() + ".versions";

	/** Position of the refresh token hash in {@link #hashParameters}, as in {@link #HASH_COLUMNS}. */
	private static final int REFRESH_HASH = 4;

	/** How long an exchanged refresh token is remembered (the longest refresh token lifetime worth catching). */
	private static final Duration USED_REFRESH_TOKEN_MEMORY = Duration.ofDays(30);

	/** A grant still waiting for consent has no token yet; keep it this long. */
	private static final Duration PENDING_LIFETIME = Duration.ofHours(1);

	private final AuditLog auditLog;

	private final ParsedGrantCache parsedGrants;

	private final TransactionTemplate readOnOneConnection;

	private final TransactionTemplate writeTransaction;

	public HashedTokenAuthorizationService(JdbcOperations jdbcOperations,
			RegisteredClientRepository registeredClientRepository, PlatformTransactionManager transactionManager,
			AuditLog auditLog) {
		super(jdbcOperations, registeredClientRepository);
		this.parsedGrants = new ParsedGrantCache(getAuthorizationRowMapper(), List.of(COLUMNS.split(", ")), 1_000);
		setAuthorizationRowMapper(this.parsedGrants);
		setAuthorizationParametersMapper(new TokenValuesAsHashes(getAuthorizationParametersMapper()));
		this.auditLog = auditLog;
		this.readOnOneConnection = new TransactionTemplate(transactionManager);
		this.readOnOneConnection.setPropagationBehavior(TransactionDefinition.PROPAGATION_SUPPORTS);
		this.writeTransaction = new TransactionTemplate(transactionManager);
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		forgetFoundThisRequest();
		OAuth2Authorization bound = bindToSession(authorization);
		List<SqlParameterValue> parameters = getAuthorizationParametersMapper().apply(bound);
		List<SqlParameterValue> hashes = hashParameters(bound, parameters);
		String refreshHash = (String) hashes.get(REFRESH_HASH).getValue();
		parameters.addAll(hashes);
		String presented = presentedRefreshHash(bound.getId());
		boolean rotation = presented != null && !presented.equals(refreshHash);
		Long versionRead = versionRead(bound.getId());
		if (versionRead == null && !rotation && isNew(bound) && inserted(parameters)) {
			rememberVersionRead(bound.getId(), 0); // the column's default: a second save in this request compares
			rememberParsed(bound, parameters, 0);
			return;
		}
		Outcome outcome = this.writeTransaction.execute((status) -> {
			List<Object> updateParameters = new ArrayList<>(parameters.subList(1, parameters.size()));
			updateParameters.add(parameters.get(0));
			String update = UPDATE;
			if (versionRead != null) {
				// Compare-and-set: only a request that read the current version may replace it.
				update += " AND row_version = ?";
				updateParameters.add(versionRead);
			}
			if (rotation) {
				// ... and only the request holding the current refresh token may rotate it.
				update += " AND refresh_token_hash = ?";
				updateParameters.add(presented);
			}
			if (getJdbcOperations().update(update, new ArgumentPreparedStatementSetter(updateParameters.toArray())) > 0) {
				if (rotation) {
					rememberUsedRefreshToken(bound.getId(), presented);
				}
				return Outcome.SAVED;
			}
			if (versionRead == null && !rotation) {
				// Nothing was compared and the row is absent: revoked (a new grant was inserted above).
				return Outcome.GONE;
			}
			if (exists(bound.getId())) {
				return rotation ? Outcome.REUSED : Outcome.CONFLICT;
			}
			return Outcome.GONE;
		});
		if (outcome == Outcome.SAVED) {
			if (versionRead != null) {
				rememberVersionRead(bound.getId(), versionRead + 1);
				rememberParsed(bound, parameters, versionRead + 1);
			}
			return;
		}
		if (outcome == Outcome.REUSED) {
			revokeIfReused(presented);
			revoke(bound.getId(), bound, "refresh-token.reused", "A refresh token was used twice at once");
		}
		if (outcome == Outcome.CONFLICT && revokes(bound)) {
			// This save was a revocation (RFC 7009) that lost a race: removing the grant is what it asked for.
			revoke(bound.getId(), bound, "grant.conflict", "A revocation raced another use of the grant");
			return;
		}
		if (outcome == Outcome.CONFLICT) {
			// Another request changed this grant after this one read it: two redemptions of one code, or a use
			// racing a revocation. Neither may win silently (RFC 9700 section 4.5: tokens issued from a code that
			// is redeemed twice are revoked), so the grant goes, and with it whatever the other request issued.
			revoke(bound.getId(), bound, "grant.conflict", "Two requests changed one grant at once");
		}
		// The grant was revoked (signed out, user disabled, app deleted, refresh token reused, changed twice at
		// once) while this request worked on it: it must not come back.
		throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT));
	}

	/**
	 * The grant as its row now reads, for the next request of its flow (the code exchange, the next refresh). Not a
	 * client-credentials grant: nothing comes back for it but an introspection, which is rarer than the token.
	 */
	private void rememberParsed(OAuth2Authorization grant, List<SqlParameterValue> columns, long version) {
		if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(grant.getAuthorizationGrantType())) {
			this.parsedGrants.remember(columns, version, TokenValuesAsHashes.asStored(grant, columns));
		}
	}

	/** A save that invalidates an access or refresh token: what revocation does, and nothing that issues tokens. */
	private static boolean revokes(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<?> access = authorization.getToken(OAuth2AccessToken.class);
		OAuth2Authorization.Token<?> refresh = authorization.getToken(OAuth2RefreshToken.class);
		return (access != null && access.isInvalidated()) || (refresh != null && refresh.isInvalidated());
	}

	/**
	 * Most saves without a read are a grant being born (every code, every client-credentials token): one insert, on
	 * its own, with no transaction around it. A grant saved again in the request that inserted it compares on the
	 * version it wrote; one that looks new but was stored by another request (never seen: new grants get random
	 * ids) fails on the primary key and goes the way of an update.
	 */
	private boolean inserted(List<SqlParameterValue> parameters) {
		try {
			getJdbcOperations().update(INSERT, new ArgumentPreparedStatementSetter(parameters.toArray()));
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	private boolean exists(String id) {
		return !getJdbcOperations().queryForList("SELECT id FROM oauth2_authorization WHERE id = ?", String.class, id)
			.isEmpty();
	}

	/**
	 * A grant may be inserted only when it is born: at the authorization endpoint (no token yet) or for a grant
	 * type that issues its tokens at once (client credentials, token exchange). A code or refresh grant that
	 * already has an access token and is not in the table was revoked meanwhile.
	 */
	private static boolean isNew(OAuth2Authorization authorization) {
		AuthorizationGrantType type = authorization.getAuthorizationGrantType();
		boolean longLived = AuthorizationGrantType.AUTHORIZATION_CODE.equals(type)
				|| AuthorizationGrantType.DEVICE_CODE.equals(type);
		return !longLived || authorization.getAccessToken() == null;
	}

	private enum Outcome {

		SAVED, REUSED, CONFLICT, GONE

	}

	/** The refresh token presented in this request, remembered by {@link #findByToken} for the grant it found. */
	private static String presentedRefreshHash(String authorizationId) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		Object presented = (request != null)
				? request.getAttribute(PRESENTED_REFRESH_TOKEN, RequestAttributes.SCOPE_REQUEST) : null;
		return (presented instanceof PresentedRefreshToken token && token.authorizationId().equals(authorizationId))
				? token.hash() : null;
	}

	private static void rememberPresentedRefreshToken(OAuth2Authorization found, String hash) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null && found != null) {
			request.setAttribute(PRESENTED_REFRESH_TOKEN, new PresentedRefreshToken(found.getId(), hash),
					RequestAttributes.SCOPE_REQUEST);
		}
	}

	private record PresentedRefreshToken(String authorizationId, String hash) {
	}

	/** A grant created at the authorization endpoint belongs to the browser session that asked for it. */
	private static OAuth2Authorization bindToSession(OAuth2Authorization authorization) {
		if (authorization.getAttribute(SessionIds.SID_ATTRIBUTE) != null
				|| authorization.getToken(OAuth2AuthorizationCode.class) == null
				|| authorization.getAccessToken() != null) {
			return authorization;
		}
		String sid = SessionIds.currentSid();
		return (sid != null) ? OAuth2Authorization.from(authorization).attribute(SessionIds.SID_ATTRIBUTE, sid).build()
				: authorization;
	}

	private void rememberUsedRefreshToken(String authorizationId, String usedHash) {
		Instant now = Instant.now();
		getJdbcOperations().update("INSERT INTO used_refresh_tokens (token_hash, authorization_id, used_at, "
				+ "expires_at) VALUES (?, ?, ?, ?)", usedHash, authorizationId, Timestamp.from(now),
				Timestamp.from(now.plus(USED_REFRESH_TOKEN_MEMORY)));
	}

	/**
	 * A refresh token that was already exchanged is being presented again: either the client or an attacker holds
	 * a copy. Both lose the grant.
	 */
	private void revokeIfReused(String refreshHash) {
		List<String> grants = getJdbcOperations().queryForList(
				"SELECT authorization_id FROM used_refresh_tokens WHERE token_hash = ?", String.class, refreshHash);
		if (grants.isEmpty()) {
			return;
		}
		revoke(grants.get(0), findById(grants.get(0)), "refresh-token.reused", "A refresh token was used twice");
	}

	private void revoke(String grantId, OAuth2Authorization grant, String event, String reason) {
		forgetFoundThisRequest();
		int deleted = getJdbcOperations().update("DELETE FROM oauth2_authorization WHERE id = ?", grantId);
		if (deleted > 0 && grant != null) {
			this.auditLog.failure(grant.getPrincipalName(), event, grant.getRegisteredClientId(),
					reason + "; grant " + grantId + " revoked");
		}
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		forgetFoundThisRequest();
		super.remove(authorization);
	}

	@Override
	public OAuth2Authorization findById(String id) {
		return findOne("id = ?", id);
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		if (token == null || token.isEmpty()) {
			return null;
		}
		String hash = hash(token);
		if (tokenType == null) {
			for (String column : ANY_TOKEN_COLUMNS) {
				OAuth2Authorization found = findOne(column + " = ?", hash);
				if (found != null) {
					return TokenValuesAsHashes.withPresented(found, column, token);
				}
			}
			revokeIfReused(hash);
			return null;
		}
		String column = hashColumn(tokenType);
		OAuth2Authorization found = (column != null) ? findOnceThisRequest(column, hash, token) : null;
		if (OAuth2TokenType.REFRESH_TOKEN.equals(tokenType)) {
			if (found == null) {
				revokeIfReused(hash);
			}
			rememberPresentedRefreshToken(found, hash);
		}
		return found;
	}

	/** Deletes grants whose every token expired before {@code cutoff}; returns how many. */
	public int deleteExpired(Instant cutoff) {
		getJdbcOperations().update("DELETE FROM used_refresh_tokens WHERE expires_at < ?", Timestamp.from(cutoff));
		// A grant of a live SSO session stays, expired or not: it says which apps to tell when the session
		// ends, and its ID token is the id_token_hint of the app's sign-out.
		return getJdbcOperations().update("DELETE FROM oauth2_authorization WHERE expires_at < ? AND "
				+ "(sid IS NULL OR sid NOT IN (SELECT sid FROM sso_sessions))", Timestamp.from(cutoff));
	}

	/** The clients holding grants made under the SSO session {@code sid}. */
	public List<String> registeredClientIdsForSession(String sid) {
		return getJdbcOperations().queryForList(
				"SELECT DISTINCT registered_client_id FROM oauth2_authorization WHERE sid = ?", String.class, sid);
	}

	/** Revokes every grant of the person {@code principalName} (an account being disabled); returns how many. */
	public int deleteForPrincipal(String principalName) {
		return getJdbcOperations().update("DELETE FROM oauth2_authorization WHERE principal_name = ?", principalName);
	}

	/** Revokes every grant made under the SSO session {@code sid}; returns how many. */
	public int deleteForSession(String sid) {
		return getJdbcOperations().update("DELETE FROM oauth2_authorization WHERE sid = ?", sid);
	}

	/**
	 * A token request looks its grant up more than once before it saves it (the PKCE check, then the grant type's
	 * own provider): reading and parsing the grant (JSON with type information, the costliest part of a code
	 * exchange) is done once per request. Any save or removal in the request forgets what was read.
	 */
	private OAuth2Authorization findOnceThisRequest(String column, String hash, String token) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null) {
			return TokenValuesAsHashes.withPresented(findOne(column + " = ?", hash), column, token);
		}
		String key = FOUND_THIS_REQUEST + "." + column + "." + hash;
		if (request.getAttribute(key, RequestAttributes.SCOPE_REQUEST) instanceof OAuth2Authorization found) {
			return found;
		}
		OAuth2Authorization found = TokenValuesAsHashes.withPresented(findOne(column + " = ?", hash), column, token);
		if (found != null) {
			request.setAttribute(key, found, RequestAttributes.SCOPE_REQUEST);
			request.setAttribute(FOUND_THIS_REQUEST, key, RequestAttributes.SCOPE_REQUEST);
		}
		return found;
	}

	/** Forgets the grant {@link #findOnceThisRequest} remembered: this request is about to change it. */
	private static void forgetFoundThisRequest() {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null && request.getAttribute(FOUND_THIS_REQUEST,
				RequestAttributes.SCOPE_REQUEST) instanceof String key) {
			request.removeAttribute(key, RequestAttributes.SCOPE_REQUEST);
			request.removeAttribute(FOUND_THIS_REQUEST, RequestAttributes.SCOPE_REQUEST);
		}
	}

	private OAuth2Authorization findOne(String filter, String value) {
		RowMapper<OAuth2Authorization> parser = getAuthorizationRowMapper();
		return this.readOnOneConnection.execute((status) -> {
			List<OAuth2Authorization> found = getJdbcOperations().query(SELECT + filter,
					new ArgumentPreparedStatementSetter(new Object[] { new SqlParameterValue(Types.VARCHAR, value) }),
					(row, rowNum) -> {
						OAuth2Authorization grant = parser.mapRow(row, rowNum);
						if (grant != null) {
							rememberVersionRead(grant.getId(), row.getLong("row_version"));
						}
						return grant;
					});
			return found.isEmpty() ? null : found.get(0);
		});
	}

	/**
	 * Outside a request (a scheduled job, a test driving the service) there is no read to compare with, and the save
	 * is a plain update.
	 */
	private static Long versionRead(String grantId) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		return (request != null && request.getAttribute(VERSIONS_READ,
				RequestAttributes.SCOPE_REQUEST) instanceof Map<?, ?> versions) ? (Long) versions.get(grantId) : null;
	}

	@SuppressWarnings("unchecked")
	private static void rememberVersionRead(String grantId, long version) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null) {
			return;
		}
		Object versions = request.getAttribute(VERSIONS_READ, RequestAttributes.SCOPE_REQUEST);
		if (!(versions instanceof Map<?, ?>)) {
			versions = new HashMap<String, Long>(4);
			request.setAttribute(VERSIONS_READ, versions, RequestAttributes.SCOPE_REQUEST);
		}
		((Map<String, Long>) versions).put(grantId, version);
	}

	private static String hashColumn(OAuth2TokenType tokenType) {
		String type = tokenType.getValue();
		if (OAuth2TokenType.ACCESS_TOKEN.getValue().equals(type)) {
			return "access_token_hash";
		}
		if (OAuth2TokenType.REFRESH_TOKEN.getValue().equals(type)) {
			return "refresh_token_hash";
		}
		if (OAuth2ParameterNames.CODE.equals(type)) {
			return "authorization_code_hash";
		}
		if (OidcParameterNames.ID_TOKEN.equals(type)) {
			return "oidc_id_token_hash";
		}
		if (OAuth2ParameterNames.STATE.equals(type)) {
			return "state_hash";
		}
		if (OAuth2ParameterNames.USER_CODE.equals(type)) {
			return "user_code_hash";
		}
		if (OAuth2ParameterNames.DEVICE_CODE.equals(type)) {
			return "device_code_hash";
		}
		return null;
	}

	/**
	 * The lookup columns of {@code authorization}; the token hashes are taken from its {@code stored} columns
	 * ({@link TokenValuesAsHashes} has hashed each token value once already).
	 */
	private static List<SqlParameterValue> hashParameters(OAuth2Authorization authorization,
			List<SqlParameterValue> stored) {
		List<SqlParameterValue> hashes = new ArrayList<>(9);
		hashes.add(hashParameter(authorization.getAttribute(OAuth2ParameterNames.STATE)));
		for (int position : TokenValuesAsHashes.VALUE_POSITIONS) { // code, access, ID, refresh, user, device
			hashes.add(hashParameter((String) stored.get(position).getValue()));
		}
		hashes.add(new SqlParameterValue(Types.TIMESTAMP, Timestamp.from(expiresAt(authorization))));
		hashes.add(new SqlParameterValue(Types.VARCHAR, authorization.getAttribute(SessionIds.SID_ATTRIBUTE)));
		return hashes;
	}

	/** The grant is useless once its longest-lived token has expired. */
	static Instant expiresAt(OAuth2Authorization authorization) {
		Instant latest = null;
		for (Class<? extends OAuth2Token> type : List.of(OAuth2AuthorizationCode.class, OAuth2AccessToken.class,
				OidcIdToken.class, OAuth2RefreshToken.class, OAuth2UserCode.class, OAuth2DeviceCode.class)) {
			OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type);
			if (token != null && token.getToken().getExpiresAt() != null
					&& (latest == null || token.getToken().getExpiresAt().isAfter(latest))) {
				latest = token.getToken().getExpiresAt();
			}
		}
		return (latest != null) ? latest : Instant.now().plus(PENDING_LIFETIME);
	}

	private static SqlParameterValue hashParameter(String value) {
		return new SqlParameterValue(Types.VARCHAR, (value != null && !value.isEmpty()) ? TokenValuesAsHashes.hashOf(value) : null);
	}

	static String hash(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JRE", ex);
		}
	}

}
