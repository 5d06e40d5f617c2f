package dev.portcullis.idp.authserver;

import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;

/**
 * No token a client holds is stored in clear: whoever reads the database or a backup must not be able to use an
 * authorization code, a refresh token or an access token from it. Where Spring stores a token's value, the grant
 * table holds {@code sha256:} and the hash the lookups use; the metadata (claims, times, invalidation) stays as it is.
 * <p>
 * Nothing needs the stored values back: every flow starts from the token the client presents (code exchange,
 * refresh, introspection, revocation, userinfo, end-session's {@code id_token_hint}), and that token is put back
 * into the grant that was found by its hash ({@link #withPresented}). The other tokens of that grant keep the
 * stored form; saving the grant again keeps their hashes.
 */
final class TokenValuesAsHashes implements Function<OAuth2Authorization, List<SqlParameterValue>> {

	static final String PREFIX = "sha256:";

	/**
	 * Where Spring's parameters mapper puts each token value, in the stock column order: authorization code, access
	 * token, ID token, refresh token, user code, device code.
	 */
	static final List<Integer> VALUE_POSITIONS = List.of(7, 11, 17, 21, 25, 29);

	/** The hash column of the token at each of {@link #VALUE_POSITIONS}. */
	private static final List<String> HASH_COLUMNS = List.of("authorization_code_hash", "access_token_hash",
			"oidc_id_token_hash", "refresh_token_hash", "user_code_hash", "device_code_hash");

	private static final Map<String, Rebuild> BY_HASH_COLUMN = Map.of("authorization_code_hash",
			(grant, value) -> token(grant, OAuth2AuthorizationCode.class,
					(t) -> new OAuth2AuthorizationCode(value, t.getIssuedAt(), t.getExpiresAt())),
			"access_token_hash",
			(grant, value) -> token(grant, OAuth2AccessToken.class,
					(t) -> new OAuth2AccessToken(t.getTokenType(), value, t.getIssuedAt(), t.getExpiresAt(),
							t.getScopes())),
			"oidc_id_token_hash",
			(grant, value) -> token(grant, OidcIdToken.class,
					(t) -> new OidcIdToken(value, t.getIssuedAt(), t.getExpiresAt(), t.getClaims())),
			"refresh_token_hash",
			(grant, value) -> token(grant, OAuth2RefreshToken.class,
					(t) -> new OAuth2RefreshToken(value, t.getIssuedAt(), t.getExpiresAt())),
			"user_code_hash",
			(grant, value) -> token(grant, OAuth2UserCode.class,
					(t) -> new OAuth2UserCode(value, t.getIssuedAt(), t.getExpiresAt())),
			"device_code_hash", (grant, value) -> token(grant, OAuth2DeviceCode.class,
					(t) -> new OAuth2DeviceCode(value, t.getIssuedAt(), t.getExpiresAt())));

	private final Function<OAuth2Authorization, List<SqlParameterValue>> stock;

	TokenValuesAsHashes(Function<OAuth2Authorization, List<SqlParameterValue>> stock) {
		this.stock = stock;
	}

	@Override
	public List<SqlParameterValue> apply(OAuth2Authorization authorization) {
		List<SqlParameterValue> parameters = this.stock.apply(authorization);
		for (int position : VALUE_POSITIONS) {
			if (parameters.get(position).getValue() instanceof String value && !value.isEmpty()) {
				parameters.set(position, new SqlParameterValue(Types.VARCHAR, PREFIX + hashOf(value)));
			}
		}
		return parameters;
	}

	/** The lookup hash of a token value, or of a value as stored (which already is one). */
	static String hashOf(String value) {
		return value.startsWith(PREFIX) ? value.substring(PREFIX.length())
				: HashedTokenAuthorizationService.hash(value);
	}

	/** {@code grant}, found by the hash in {@code hashColumn}, with that token's value as the client presented it. */
	static OAuth2Authorization withPresented(OAuth2Authorization grant, String hashColumn, String presented) {
		Rebuild rebuild = (grant != null) ? BY_HASH_COLUMN.get(hashColumn) : null;
		return (rebuild != null) ? rebuild.apply(grant, presented) : grant;
	}

	/**
	 * {@code grant} as a read of its row gives it: every token value in its stored form, taken from the
	 * {@code columns} {@link #apply} made of it.
	 */
	static OAuth2Authorization asStored(OAuth2Authorization grant, List<SqlParameterValue> columns) {
		OAuth2Authorization stored = grant;
		for (int i = 0; i < VALUE_POSITIONS.size(); i++) {
			if (columns.get(VALUE_POSITIONS.get(i)).getValue() instanceof String value && value.startsWith(PREFIX)) {
				stored = BY_HASH_COLUMN.get(HASH_COLUMNS.get(i)).apply(stored, value);
			}
		}
		return stored;
	}

	private static <T extends OAuth2Token> OAuth2Authorization token(OAuth2Authorization grant, Class<T> type,
			Function<T, T> withValue) {
		OAuth2Authorization.Token<T> stored = grant.getToken(type);
		if (stored == null) {
			return grant;
		}
		// Builder.token keeps the stored token's metadata (claims, invalidation) for a token of the same type.
		return OAuth2Authorization.from(grant).token(withValue.apply(stored.getToken())).build();
	}

	@FunctionalInterface
	private interface Rebuild {

		OAuth2Authorization apply(OAuth2Authorization grant, String presented);

	}

}
