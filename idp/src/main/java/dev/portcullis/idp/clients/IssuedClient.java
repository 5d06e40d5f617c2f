package dev.portcullis.idp.clients;

/**
 * An app just registered, or whose secret was just rotated, with its plain secret: the only moment the secret
 * exists outside the app. {@code secret} is null for a public app.
 */
public record IssuedClient(ClientView client, String secret) {

	@Override
	public String toString() {
		return "IssuedClient[" + this.client.clientId() + "]"; // never the secret
	}

}
