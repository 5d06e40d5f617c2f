package dev.portcullis.idp.clients;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of "register an app" and "change an app" in the admin API. Omitted lists take defaults:
 * {@code grantTypes} authorization code and refresh token (public apps: authorization code), {@code scopes}
 * openid, profile and email; {@code type} defaults to confidential. On change, {@code clientId} and {@code type}
 * are ignored.
 */
public record ClientRequest(String clientId, String name, String type, List<String> redirectUris,
		@Schema(description = "Where the app's sign-out may return people. Left out or empty when an app with the "
				+ "authorization code grant is registered: the site of its first redirect URI "
				+ "(https://reports.example.com/). Not defaulted on change.") List<String> postLogoutRedirectUris, String backchannelLogoutUri, List<String> scopes, Boolean consentRequired,
		List<String> grantTypes) {

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
				Boolean.TRUE.equals(this.consentRequired), new LinkedHashSet<>(grants));
	}

}
