package dev.portcullis.idp.clients;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.portcullis.idp.admin.FieldErrors;

import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * The rules every registered app obeys, whoever registers it (console, admin API, dynamic registration): a name;
 * a client id made of URL-safe characters; grant types among authorization code (always with PKCE), refresh token
 * and client credentials, consistent with the app's type; redirect URIs by {@link RedirectUriPolicy}, at least one
 * for the authorization code grant; scopes that are RFC 6749 section 3.3 scope tokens without a comma. Uniqueness of
 * the client id needs the database and is checked by {@link ClientAdmin}.
 * <p>
 * Every value must fit where it is stored ({@link RegisteredClientColumns}): lists are stored comma-joined (so no
 * value may hold a comma) and the joined length is held to the column's size, so whatever the rules accept is
 * stored and read back intact, and whatever does not fit is a field error, never a 500.
 */
public final class ClientRules {

	public static final Set<String> GRANT_TYPES = Set.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
			AuthorizationGrantType.REFRESH_TOKEN.getValue(), AuthorizationGrantType.CLIENT_CREDENTIALS.getValue());

	static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

	/** RFC 6749 section 3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
	private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}");

	private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

	static final int MAX_URIS = 20;

	static final int MAX_SCOPES = 50;

	private ClientRules() {
	}

	public static FieldErrors check(ClientDraft draft) {
		FieldErrors errors = new FieldErrors();
		if (draft.name() == null || draft.name().isEmpty()) {
			errors.reject("name", "Give the app a name");
		}
		else if (draft.name().length() > RegisteredClientColumns.CLIENT_NAME) {
			errors.reject("name", "Must be at most " + RegisteredClientColumns.CLIENT_NAME + " characters");
		}
		else if (CONTROL.matcher(draft.name()).find()) {
			errors.reject("name", "Must not contain control characters");
		}
		if (draft.clientId() != null && !draft.clientId().isEmpty() && !CLIENT_ID.matcher(draft.clientId()).matches()) {
			errors.reject("clientId",
					"Use 1 to 100 letters, digits, dots, dashes or underscores, starting with a letter or digit");
		}
		if (draft.type() == null) {
			errors.reject("type", "Choose confidential or public");
		}
		checkGrantTypes(draft, errors);
		checkRegisteredValues(draft.redirectUris(), draft.postLogoutRedirectUris(), draft.backchannelLogoutUri(),
				draft.scopes(), errors);
		if (draft.grantTypes().contains(AuthorizationGrantType.AUTHORIZATION_CODE.getValue())
				&& draft.redirectUris().isEmpty() && !errors.has("redirectUris")) {
			errors.reject("redirectUris", "The authorization code grant needs at least one redirect URI");
		}
		return errors;
	}

	/**
	 * The rules for the values an app's sign-in and sign-out go by, which clients declared in configuration obey
	 * too: redirect and post-logout redirect URIs by {@link RedirectUriPolicy}, scopes as scope tokens, each list
	 * within its column. Field names as in {@link ClientDraft}.
	 */
	static void checkRegisteredValues(List<String> redirectUris, List<String> postLogoutRedirectUris,
			String backchannelLogoutUri, List<String> scopes, FieldErrors errors) {
		checkUris("redirectUris", "redirect URIs", redirectUris, RegisteredClientColumns.REDIRECT_URIS, errors);
		checkUris("postLogoutRedirectUris", "post-logout redirect URIs", postLogoutRedirectUris,
				RegisteredClientColumns.POST_LOGOUT_REDIRECT_URIS, errors);
		if (backchannelLogoutUri != null) {
			// Stored in the client settings: at most RedirectUriPolicy.MAX_LENGTH, which leaves the settings' JSON
			// well within its column (RegisteredValueRulesTest stores the longest).
			RedirectUriPolicy.check(backchannelLogoutUri)
				.ifPresent((problem) -> errors.reject("backchannelLogoutUri", shown(backchannelLogoutUri) + " " + problem));
		}
		checkScopes(scopes, errors);
	}

	private static void checkGrantTypes(ClientDraft draft, FieldErrors errors) {
		Set<String> grants = draft.grantTypes();
		if (grants.isEmpty()) {
			errors.reject("grantTypes", "Choose at least one grant type");
			return;
		}
		for (String grant : grants) {
			if (!GRANT_TYPES.contains(grant)) {
				errors.reject("grantTypes", "Unsupported grant type '" + grant
						+ "': use authorization_code, refresh_token or client_credentials");
				return;
			}
		}
		if (grants.contains(AuthorizationGrantType.REFRESH_TOKEN.getValue())
				&& !grants.contains(AuthorizationGrantType.AUTHORIZATION_CODE.getValue())) {
			errors.reject("grantTypes", "Refresh tokens come with the authorization code grant: choose it too");
		}
		if (draft.type() == ClientType.PUBLIC) {
			if (grants.contains(AuthorizationGrantType.CLIENT_CREDENTIALS.getValue())) {
				errors.reject("grantTypes", "A public app has no secret, so it cannot use client credentials");
			}
			else if (grants.contains(AuthorizationGrantType.REFRESH_TOKEN.getValue())) {
				errors.reject("grantTypes", "Public apps get no refresh tokens: make the app confidential");
			}
		}
	}

	private static void checkUris(String field, String what, List<String> uris, int column, FieldErrors errors) {
		if (uris.size() > MAX_URIS) {
			errors.reject(field, "At most " + MAX_URIS + " URIs");
			return;
		}
		for (String uri : uris) {
			RedirectUriPolicy.check(uri).ifPresent((problem) -> errors.reject(field, shown(uri) + " " + problem));
		}
		checkJoinedLength(field, what, uris, column, errors);
	}

	/** Lists are stored comma-joined in one column: together they must fit it. */
	private static void checkJoinedLength(String field, String what, List<String> values, int column,
			FieldErrors errors) {
		int length = RegisteredClientColumns.joinedLength(values);
		if (length > column) {
			errors.reject(field, String.format(Locale.ROOT,
					"Together the %s may hold at most %,d characters, counting a comma between each two; "
							+ "these hold %,d",
					what, column, length));
		}
	}

	private static void checkScopes(List<String> scopes, FieldErrors errors) {
		if (scopes.size() > MAX_SCOPES) {
			errors.reject("scopes", "At most " + MAX_SCOPES + " scopes");
			return;
		}
		for (String scope : scopes) {
			if (scope.contains(",")) {
				// Scopes are stored comma-joined: "a,portcullis.admin" would read back as two scopes.
				errors.reject("scopes", "'" + shown(scope) + "' is not a valid scope: a scope must not contain a "
						+ "comma; list scopes separately");
				return;
			}
			if (!SCOPE_TOKEN.matcher(scope).matches()) {
				errors.reject("scopes", "'" + shown(scope) + "' is not a valid scope: use printable characters without "
						+ "spaces, quotes or backslashes");
				return;
			}
		}
		checkJoinedLength("scopes", "scopes", scopes, RegisteredClientColumns.SCOPES, errors);
	}

	/** Long input is cut in messages, so an error never echoes kilobytes back. */
	static String shown(String value) {
		return (value.length() <= 80) ? value : value.substring(0, 77) + "...";
	}

}
