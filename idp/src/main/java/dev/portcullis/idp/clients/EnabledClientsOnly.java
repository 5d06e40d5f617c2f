package dev.portcullis.idp.clients;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The protocol endpoints' view of the registered clients: a disabled app is unknown to them, so the authorization
 * endpoint shows its error page and the token endpoint answers {@code invalid_client}. Lookups by internal id still
 * find it, because stored grants refer to their client by that id and must stay readable (to be refused, revoked
 * or purged) while the app is disabled.
 */
public final class EnabledClientsOnly implements RegisteredClientRepository {

	private final RegisteredClientRepository delegate;

	public EnabledClientsOnly(RegisteredClientRepository delegate) {
		this.delegate = delegate;
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		this.delegate.save(registeredClient);
	}

	@Override
	public RegisteredClient findById(String id) {
		return this.delegate.findById(id);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		RegisteredClient client = this.delegate.findByClientId(clientId);
		return (client != null && PortcullisClientSettings.isEnabled(client)) ? client : null;
	}

}
