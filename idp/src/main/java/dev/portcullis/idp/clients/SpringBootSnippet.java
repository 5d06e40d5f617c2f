package dev.portcullis.idp.clients;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * The {@code application.yml} an app built on {@code spring-boot-starter-oauth2-client} needs to sign people in
 * with this IdP: registration {@code portcullis}, the issuer for discovery, the client id and (once) the secret.
 * Values are quoted, so any registered scope or URI stays one YAML string.
 */
public final class SpringBootSnippet {

	private SpringBootSnippet() {
	}

	/** {@code secret} is null for a public app, or when it is not being shown (then a placeholder stands in). */
	public static String of(ClientView client, String secret, String issuer) {
		boolean authorizationCode = client.grantTypes().contains(AuthorizationGrantType.AUTHORIZATION_CODE.getValue());
		StringBuilder yaml = new StringBuilder();
		yaml.append("spring:\n")
			.append("  security:\n")
			.append("    oauth2:\n")
			.append("      client:\n")
			.append("        registration:\n")
			.append("          portcullis:\n")
			.append("            provider: portcullis\n")
			.append("            client-id: ").append(quoted(client.clientId())).append('\n');
		if (client.type() == ClientType.CONFIDENTIAL) {
			yaml.append("            client-secret: ")
				.append(quoted((secret != null) ? secret : "${PORTCULLIS_CLIENT_SECRET}"))
				.append('\n')
				.append("            client-authentication-method: client_secret_basic\n");
		}
		else {
			yaml.append("            client-authentication-method: none\n");
		}
		yaml.append("            authorization-grant-type: ")
			.append(authorizationCode ? "authorization_code" : "client_credentials")
			.append('\n');
		if (authorizationCode && !client.redirectUris().isEmpty()) {
			yaml.append("            redirect-uri: ").append(quoted(client.redirectUris().get(0))).append('\n');
		}
		if (!client.scopes().isEmpty()) {
			yaml.append("            scope: ").append(list(client.scopes())).append('\n');
		}
		yaml.append("        provider:\n")
			.append("          portcullis:\n")
			.append("            issuer-uri: ").append(quoted(issuer)).append('\n');
		if (authorizationCode && !client.postLogoutRedirectUris().isEmpty()) {
			// Sign-out brings the person back only to an address the app registered, character for character.
			String back = client.postLogoutRedirectUris().get(0);
			yaml.append("# Where \"Sign out\" brings people back: exactly the registered post-logout redirect URI.\n")
				.append("# Plain Spring Security: OidcClientInitiatedLogoutSuccessHandler.setPostLogoutRedirectUri(")
				.append(quoted(back))
				.append(")\n")
				.append("portcullis:\n")
				.append("  client:\n")
				.append("    post-logout-redirect-uri: ").append(quoted(back)).append('\n');
		}
		return yaml.toString();
	}

	private static String list(List<String> values) {
		return values.stream().map(SpringBootSnippet::quoted).collect(Collectors.joining(", ", "[", "]"));
	}

	private static String quoted(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
