package dev.portcullis.idp.clients;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of "register an app" and "change an app" in the admin API. Omitted lists take defaults:
 * {@code grantTypes} authorization code and refresh token (public apps: authorization code), {@code scopes}
 * openid, profile and email; {@code type} defaults to confidential. On change, {@code clientId} and {@code type}
 * are ignored, and a left-out {@code secondFactorRequired} keeps the app's setting: a script written before the field
 * existed cannot turn the requirement off by accident.
 */
public record ClientRequest(String clientId, String name, String type, List<String> redirectUris,
		@Schema(description = "Where the app's sign-out may return people. Left out or empty when an app with the "
				+ "authorization code grant is registered: the site of its first redirect URI "
				+ "(https://reports.example.com/). Not defaulted on change.") List<String> postLogoutRedirectUris, String backchannelLogoutUri, List<String> scopes, Boolean consentRequired,
		List<String> grantTypes,
		@Schema(description = "Everyone signing in to the app must use a second factor (an authenticator app's code, "
				+ "a recovery code or a passkey); a person without one is sent to add one first. Default false on "
				+ "registration; left out on change, the app's setting stays as it is.") Boolean secondFactorRequired) {

	/** The app asked for by a registration. */
	ClientDraft toDraft() {
		ClientType clientType = switch ((this.type != null) ? this.type.trim().toLowerCase(Locale.ROOT) : "confidential") {
			case "confidential" -> ClientType.CONFIDENTIAL;
			case "public" -> ClientType.PUBLIC;
			default -> null;
		};
		List<String> grants = (this.grantTypes != null) ? this.grantTypes
				: (clientType == ClientType.PUBLIC) ? List.of("authorization_code")
						: List.of("authorization_code", "refresh_token");
		return new ClientDraft(this.clientId, this.name, clientType, this.redirectUris, this.postLogoutRedirectUris,
				this.backchannelLogoutUri, (this.scopes != null) ? this.scopes : List.of("openid", "profile", "email"),
				Boolean.TRUE.equals(this.consentRequired), new LinkedHashSet<>(grants),
				Boolean.TRUE.equals(this.secondFactorRequired));
	}

	/** The change asked for to this app: what is left out of the second-factor requirement stays as it is. */
	ClientDraft toChangeOf(ClientView current) {
		ClientDraft draft = toDraft();
		return (this.secondFactorRequired != null) ? draft
				: draft.withSecondFactorRequired(current.secondFactorRequired());
	}

}
