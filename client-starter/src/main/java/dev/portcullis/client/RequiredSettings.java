package dev.portcullis.client;

import java.util.ArrayList;
import java.util.List;

import org.springframework.util.StringUtils;

/**
 * An app without its issuer, client id or (for a confidential app) client secret cannot sign anyone in. It refuses
 * to start and says what to set, rather than failing at the first sign-in with a token error. There is no built-in
 * secret: one shipped in a jar is known to everyone, so anyone could redeem the app's codes. Checked as soon as the
 * settings are bound, before any bean uses them.
 */
final class RequiredSettings {

	private final PortcullisClientProperties properties;

	RequiredSettings(PortcullisClientProperties properties) {
		this.properties = properties;
	}

	void check() {
		List<String> missing = new ArrayList<>();
		if (!StringUtils.hasText(this.properties.getIssuer())) {
			missing.add("portcullis.client.issuer (the IdP's address, such as http://localhost:9000)");
		}
		if (!StringUtils.hasText(this.properties.getClientId())) {
			missing.add("portcullis.client.client-id (shown by the IdP's console when the app was registered)");
		}
		boolean needsSecret = this.properties.getClientAuthenticationMethod().startsWith("client_secret");
		if (needsSecret && !StringUtils.hasText(this.properties.getClientSecret())) {
			missing.add("portcullis.client.client-secret (shown once by the IdP's console when the app was "
					+ "registered; environment variable PORTCULLIS_CLIENT_CLIENT_SECRET, or the one your "
					+ "application.yml maps to it)");
		}
		if (!missing.isEmpty()) {
			String client = StringUtils.hasText(this.properties.getClientId())
					? "client '" + this.properties.getClientId() + "'" : "this app";
			throw new IllegalStateException("Cannot sign in with Portcullis as " + client + ": set "
					+ String.join("; ", missing) + ".");
		}
	}

}
