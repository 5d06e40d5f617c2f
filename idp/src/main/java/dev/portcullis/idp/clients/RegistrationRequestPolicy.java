package dev.portcullis.idp.clients;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.portcullis.idp.admin.FieldErrors;
import dev.portcullis.idp.mfa.SignInFactors;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.oidc.OidcClientRegistration;

/**
 * Dynamic registration metadata (RFC 7591 section 2, OpenID Connect Dynamic Client Registration 1.0 section 2)
 * turned into a {@link ClientDraft} and held to the same {@link ClientRules} as the console and the admin API, plus
 * a scope policy: only the scopes listed in {@code portcullis.clients.registration.allowed-scopes} may be asked for.
 * Supported: {@code token_endpoint_auth_method} {@code client_secret_basic} (default), {@code client_secret_post} or
 * {@code none} (a public app); {@code response_types} {@code code}; {@code grant_types} authorization code (default),
 * refresh token, client credentials. Errors are {@code invalid_redirect_uri} or {@code invalid_client_metadata}
 * (RFC 7591 section 3.2.2) with a description naming the field and the rule. Dynamically registered apps always ask
 * for consent: whoever registered them, the person signing in did not.
 * <p>
 * {@code default_acr_values} (OpenID Connect Dynamic Client Registration 1.0 section 2) is how an app asks for a
 * second factor: {@code urn:portcullis:acr:mfa} among them makes the app require one for everyone, as the console's
 * "Requires a second factor" does. Stricter than the spec's "default" (an {@code acr_values} of the request does not
 * lower it), which only makes the app's own sign-ins harder, so a self-registered app may ask for it. Values this IdP
 * does not know are refused rather than silently ignored.
 */
final class RegistrationRequestPolicy {

	/** The registration metadata that asks for authentication context classes by default. */
	static final String DEFAULT_ACR_VALUES = "default_acr_values";

	static final String ERROR_URI = "https://www.rfc-editor.org/rfc/rfc7591#section-3.2.2";

	private static final Map<String, String> FIELD_NAMES = Map.of("name", "client_name", "redirectUris",
			"redirect_uris", "postLogoutRedirectUris", "post_logout_redirect_uris", "backchannelLogoutUri",
			"backchannel_logout_uri", "scopes", "scope", "grantTypes", "grant_types", "type",
			"token_endpoint_auth_method", "clientId", "client_id");

	/** Scopes that only an admin can grant: administration and registration itself. */
	private static final Set<String> NEVER_DYNAMIC = Set.of(dev.portcullis.idp.admin.AdminApi.SCOPE, "client.create",
			"client.read");

	private final Set<String> allowedScopes;

	RegistrationRequestPolicy(Set<String> allowedScopes) {
		this.allowedScopes = Set.copyOf(allowedScopes);
	}

	ClientDraft toDraft(OidcClientRegistration registration) {
		ClientType type = type(registration.getTokenEndpointAuthenticationMethod());
		List<String> responseTypes = registration.getResponseTypes();
		if (responseTypes != null && !responseTypes.isEmpty() && !List.of("code").equals(responseTypes)) {
			throw invalid("invalid_client_metadata", "response_types: only [\"code\"] is supported");
		}
		if (registration.getJwkSetUrl() != null
				|| registration.getTokenEndpointAuthenticationSigningAlgorithm() != null) {
			throw invalid("invalid_client_metadata", "jwks_uri and token_endpoint_auth_signing_alg are not supported");
		}
		List<String> grantTypes = (registration.getGrantTypes() != null && !registration.getGrantTypes().isEmpty())
				? registration.getGrantTypes() : List.of("authorization_code");
		List<String> scopes = (registration.getScopes() != null && !registration.getScopes().isEmpty())
				? registration.getScopes() : List.of("openid");
		ClientDraft draft = new ClientDraft(null, registration.getClientName(), type,
				orEmpty(registration.getRedirectUris()), orEmpty(registration.getPostLogoutRedirectUris()),
				registration.getClaimAsString("backchannel_logout_uri"), scopes, true, new LinkedHashSet<>(grantTypes),
				secondFactorRequired(registration));
		FieldErrors errors = ClientRules.check(draft);
		if (!errors.isEmpty()) {
			Map.Entry<String, String> first = errors.asMap().entrySet().iterator().next();
			String field = FIELD_NAMES.getOrDefault(first.getKey(), first.getKey());
			throw invalid("redirectUris".equals(first.getKey()) ? OAuth2ErrorCodes.INVALID_REDIRECT_URI
					: "invalid_client_metadata", field + ": " + first.getValue());
		}
		for (String postLogout : draft.postLogoutRedirectUris()) {
			// Otherwise a self-registered app makes the IdP's end-session endpoint an open redirect to anywhere.
			if (draft.redirectUris().stream().noneMatch((redirect) -> sameOrigin(redirect, postLogout))) {
				throw invalid("invalid_client_metadata", "post_logout_redirect_uris: " + postLogout
						+ " must be on the same origin as one of the redirect_uris");
			}
		}
		List<String> refused = new ArrayList<>(draft.scopes());
		refused.removeAll(this.allowedScopes);
		// Whatever the configuration says, a self-registered app never gets the keys to the kingdom.
		draft.scopes().stream().filter(NEVER_DYNAMIC::contains).filter((scope) -> !refused.contains(scope))
			.forEach(refused::add);
		if (!refused.isEmpty()) {
			throw invalid("invalid_client_metadata", "scope: " + String.join(" ", refused)
					+ " cannot be registered dynamically; allowed: " + String.join(" ", this.allowedScopes.stream().sorted().toList()));
		}
		return draft;
	}

	private static boolean secondFactorRequired(OidcClientRegistration registration) {
		if (registration.getClaim(DEFAULT_ACR_VALUES) == null) {
			return false;
		}
		List<String> acrValues;
		try {
			acrValues = registration.getClaimAsStringList(DEFAULT_ACR_VALUES);
		}
		catch (IllegalArgumentException ex) {
			acrValues = null;
		}
		if (acrValues == null) {
			throw invalid("invalid_client_metadata", DEFAULT_ACR_VALUES + ": must be an array of strings");
		}
		for (String acr : acrValues) {
			if (!SignInFactors.ACR_VALUES.contains(acr)) {
				throw invalid("invalid_client_metadata", DEFAULT_ACR_VALUES + ": '" + ClientRules.shown(String.valueOf(acr))
						+ "' is not supported; supported: " + String.join(" ", SignInFactors.ACR_VALUES));
			}
		}
		return acrValues.contains(SignInFactors.ACR_MFA);
	}

	private static boolean sameOrigin(String first, String second) {
		try {
			java.net.URI a = java.net.URI.create(first);
			java.net.URI b = java.net.URI.create(second);
			return java.util.Objects.equals(a.getScheme(), b.getScheme())
					&& java.util.Objects.equals(a.getHost(), b.getHost()) && a.getPort() == b.getPort();
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static ClientType type(String method) {
		if (method == null || ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue().equals(method)
				|| ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue().equals(method)) {
			return ClientType.CONFIDENTIAL;
		}
		if (ClientAuthenticationMethod.NONE.getValue().equals(method)) {
			return ClientType.PUBLIC;
		}
		throw invalid("invalid_client_metadata", "token_endpoint_auth_method: use client_secret_basic, "
				+ "client_secret_post or none");
	}

	private static List<String> orEmpty(List<String> values) {
		return (values != null) ? values : List.of();
	}

	static OAuth2AuthenticationException invalid(String code, String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(code, description, ERROR_URI));
	}

}
