package dev.portcullis.idp.clients;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An app in the admin API. {@code clientSecret} is present only in the answer to a registration or a secret
 * rotation: the one time it is shown.
 */
public record ClientResource(String clientId, String name, String type, List<String> redirectUris,
		List<String> postLogoutRedirectUris, String backchannelLogoutUri, List<String> scopes, List<String> grantTypes,
		boolean consentRequired,
		@Schema(description = "Everyone signing in to the app must use a second factor.") boolean secondFactorRequired, boolean enabled, Instant createdAt, Instant lastUsedAt,
		String clientSecret) {

	static ClientResource of(ClientView client) {
		return of(client, null);
	}

	static ClientResource of(ClientView client, String secret) {
		return new ClientResource(client.clientId(), client.name(), client.type().name().toLowerCase(Locale.ROOT),
				client.redirectUris(), client.postLogoutRedirectUris(), client.backchannelLogoutUri(), client.scopes(),
				List.copyOf(client.grantTypes()), client.consentRequired(), client.secondFactorRequired(), client.enabled(), client.createdAt(),
				client.lastUsedAt(), secret);
	}

	@Override
	public String toString() {
		return "ClientResource[" + this.clientId + "]"; // never the secret
	}

}
