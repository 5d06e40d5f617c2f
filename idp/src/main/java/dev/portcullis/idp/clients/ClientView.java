package dev.portcullis.idp.clients;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** A registered app as the console and the admin API show it. Never carries the secret or its hash. */
public record ClientView(String id, String clientId, String name, ClientType type, List<String> redirectUris,
		List<String> postLogoutRedirectUris, String backchannelLogoutUri, List<String> scopes, Set<String> grantTypes,
		boolean consentRequired, boolean secondFactorRequired, boolean enabled, Instant createdAt,
		Instant lastUsedAt) {

	public static ClientView of(RegisteredClient client, Instant lastUsedAt) {
		Set<String> grants = new TreeSet<>();
		client.getAuthorizationGrantTypes().forEach((grant) -> grants.add(grant.getValue()));
		return new ClientView(client.getId(), client.getClientId(), client.getClientName(), typeOf(client),
				List.copyOf(new TreeSet<>(client.getRedirectUris())),
				List.copyOf(new TreeSet<>(client.getPostLogoutRedirectUris())),
				PortcullisClientSettings.backchannelLogoutUri(client), List.copyOf(new TreeSet<>(client.getScopes())),
				grants, client.getClientSettings().isRequireAuthorizationConsent(),
				PortcullisClientSettings.secondFactorRequired(client), PortcullisClientSettings.isEnabled(client), client.getClientIdIssuedAt(), lastUsedAt);
	}

	static ClientType typeOf(RegisteredClient client) {
		return (client.getClientSecret() == null
				&& client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE))
						? ClientType.PUBLIC : ClientType.CONFIDENTIAL;
	}

	/** The draft that reproduces this app, as the starting point of an edit. */
	public ClientDraft toDraft() {
		return new ClientDraft(this.clientId, this.name, this.type, this.redirectUris, this.postLogoutRedirectUris,
				this.backchannelLogoutUri, this.scopes, this.consentRequired, this.grantTypes, this.secondFactorRequired);
	}

}
