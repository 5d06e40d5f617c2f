package dev.portcullis.idp.clients;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Portcullis' own keys in a client's {@code ClientSettings}: stored with the client as JSON, so they need no schema
 * change and travel with every copy of the client (caches, other nodes).
 */
public final class PortcullisClientSettings {

	/** Boolean; absent means enabled. A disabled app is refused by every protocol endpoint. */
	public static final String ENABLED = "portcullis.enabled";

	/** String; absent means none. Where the IdP posts logout tokens (OpenID Connect Back-Channel Logout 1.0). */
	public static final String BACKCHANNEL_LOGOUT_URI = "portcullis.backchannel-logout-uri";

	/**
	 * Boolean; absent means false. Everyone signing in to the app must use a second factor; a person without one is
	 * sent to add one first.
	 */
	public static final String SECOND_FACTOR_REQUIRED = "portcullis.second-factor-required";

	private PortcullisClientSettings() {
	}

	public static boolean isEnabled(RegisteredClient client) {
		Object enabled = client.getClientSettings().getSetting(ENABLED);
		return !(enabled instanceof Boolean flag) || flag;
	}

	public static String backchannelLogoutUri(RegisteredClient client) {
		Object uri = client.getClientSettings().getSetting(BACKCHANNEL_LOGOUT_URI);
		return (uri instanceof String value && !value.isBlank()) ? value : null;
	}

	public static boolean secondFactorRequired(RegisteredClient client) {
		return Boolean.TRUE.equals(client.getClientSettings().getSetting(SECOND_FACTOR_REQUIRED));
	}

}
