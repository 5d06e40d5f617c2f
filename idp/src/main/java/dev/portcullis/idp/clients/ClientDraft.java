package dev.portcullis.idp.clients;

import java.util.List;
import java.util.Set;

/**
 * What an admin (console or API) or a dynamic registration asks for when it registers or edits an app. Checked by
 * {@link ClientRules} before anything is stored. {@code clientId} may be blank on registration: one is then made
 * from the name. {@code grantTypes} uses the OAuth names ({@code authorization_code}, {@code refresh_token},
 * {@code client_credentials}). {@code secondFactorRequired}: everyone signing in to the app must use a second factor
 * ({@link PortcullisClientSettings#SECOND_FACTOR_REQUIRED}).
 */
public record ClientDraft(String clientId, String name, ClientType type, List<String> redirectUris,
		List<String> postLogoutRedirectUris, String backchannelLogoutUri, List<String> scopes,
		boolean consentRequired, Set<String> grantTypes, boolean secondFactorRequired) {

	public ClientDraft {
		redirectUris = trimmed(redirectUris);
		postLogoutRedirectUris = trimmed(postLogoutRedirectUris);
		scopes = trimmed(scopes);
		grantTypes = (grantTypes != null) ? Set.copyOf(trimmed(List.copyOf(grantTypes))) : Set.of();
		clientId = (clientId != null) ? clientId.trim() : null;
		name = (name != null) ? name.trim() : null;
		backchannelLogoutUri = (backchannelLogoutUri != null && !backchannelLogoutUri.isBlank())
				? backchannelLogoutUri.trim() : null;
	}

	/** An app that does not require a second factor (what most callers, and the tests' apps, register). */
	public ClientDraft(String clientId, String name, ClientType type, List<String> redirectUris,
			List<String> postLogoutRedirectUris, String backchannelLogoutUri, List<String> scopes,
			boolean consentRequired, Set<String> grantTypes) {
		this(clientId, name, type, redirectUris, postLogoutRedirectUris, backchannelLogoutUri, scopes, consentRequired,
				grantTypes, false);
	}

	/** The same draft with the second-factor requirement set as given. */
	public ClientDraft withSecondFactorRequired(boolean required) {
		return new ClientDraft(this.clientId, this.name, this.type, this.redirectUris, this.postLogoutRedirectUris,
				this.backchannelLogoutUri, this.scopes, this.consentRequired, this.grantTypes, required);
	}

	/** Drops blanks and duplicates, keeps the order. */
	private static List<String> trimmed(List<String> values) {
		if (values == null) {
			return List.of();
		}
		return values.stream().filter((v) -> v != null && !v.isBlank()).map(String::trim).distinct().toList();
	}

}
