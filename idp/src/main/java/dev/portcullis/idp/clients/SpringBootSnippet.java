package dev.portcullis.idp.clients;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * The {@code application.yml} an app needs to use this IdP. An app that signs people in gets the keys of the
 * Portcullis client starter ({@code portcullis.client.*}: issuer, client id, the secret once, scopes, where sign-out
 * returns); a machine client (client credentials only) gets Spring Boot's own oauth2-client keys. Values are quoted,
 * so any registered scope or URI stays one YAML string.
 */
public final class SpringBootSnippet {

	/** The callback the starter uses unless told otherwise ({@code {baseUrl}/login/oauth2/code/portcullis}). */
	private static final String STARTER_CALLBACK = "/login/oauth2/code/portcullis";

	private SpringBootSnippet() {
	}

	/** {@code secret} is null for a public app, or when it is not being shown (then a placeholder stands in). */
	public static String of(ClientView client, String secret, String issuer) {
		boolean signsPeopleIn = client.grantTypes().contains(AuthorizationGrantType.AUTHORIZATION_CODE.getValue());
		return signsPeopleIn ? starter(client, secret, issuer) : clientCredentials(client, secret, issuer);
	}

	private static String starter(ClientView client, String secret, String issuer) {
		StringBuilder yaml = new StringBuilder();
		yaml.append("# With dev.portcullis:portcullis-client-spring-boot-starter on the classpath:\n")
			.append("portcullis:\n")
			.append("  client:\n")
			.append("    issuer: ").append(quoted(issuer)).append('\n')
			.append("    client-id: ").append(quoted(client.clientId())).append('\n');
		if (client.type() == ClientType.CONFIDENTIAL) {
			yaml.append("    client-secret: ")
				.append(quoted((secret != null) ? secret : "${PORTCULLIS_CLIENT_SECRET}"))
				.append('\n');
		}
		else {
			yaml.append("    client-authentication-method: none\n");
		}
		if (!client.scopes().isEmpty()) {
			yaml.append("    scopes: ").append(list(client.scopes())).append('\n');
		}
		if (!client.redirectUris().isEmpty() && !client.redirectUris().get(0).endsWith(STARTER_CALLBACK)) {
			yaml.append("    redirect-uri: ").append(quoted(client.redirectUris().get(0))).append('\n');
		}
		if (!client.postLogoutRedirectUris().isEmpty()) {
			// Sign-out brings the person back only to an address the app registered, character for character.
			yaml.append("    post-logout-redirect-uri: ")
				.append(quoted(client.postLogoutRedirectUris().get(0)))
				.append('\n');
		}
		return yaml.toString();
	}

	private static String clientCredentials(ClientView client, String secret, String issuer) {
		StringBuilder yaml = new StringBuilder();
		yaml.append("spring:\n")
			.append("  security:\n")
			.append("    oauth2:\n")
			.append("      client:\n")
			.append("        registration:\n")
			.append("          portcullis:\n")
			.append("            provider: portcullis\n")
			.append("            client-id: ").append(quoted(client.clientId())).append('\n')
			.append("            client-secret: ")
			.append(quoted((secret != null) ? secret : "${PORTCULLIS_CLIENT_SECRET}"))
			.append('\n')
			.append("            client-authentication-method: client_secret_basic\n")
			.append("            authorization-grant-type: client_credentials\n");
		if (!client.scopes().isEmpty()) {
			yaml.append("            scope: ").append(list(client.scopes())).append('\n');
		}
		yaml.append("        provider:\n")
			.append("          portcullis:\n")
			.append("            issuer-uri: ").append(quoted(issuer)).append('\n');
		return yaml.toString();
	}

	private static String list(List<String> values) {
		return values.stream().map(SpringBootSnippet::quoted).collect(Collectors.joining(", ", "[", "]"));
	}

	private static String quoted(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
