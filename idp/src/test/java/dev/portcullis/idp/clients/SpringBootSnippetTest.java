package dev.portcullis.idp.clients;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/** The application.yml snippet is YAML that Spring Boot's oauth2-client keys read back exactly. */
class SpringBootSnippetTest {

	@Test
	@SuppressWarnings("unchecked")
	void whenAConfidentialAppIsShownThenTheSnippetIsValidYamlWithItsCredentials() {
		ClientView client = new ClientView("id", "reports", "Reports", ClientType.CONFIDENTIAL,
				List.of("http://localhost:8083/login/oauth2/code/portcullis"), List.of(), null,
				List.of("openid", "odd:\"scope\"#x"), Set.of("authorization_code", "refresh_token"), false, false, true,
				Instant.now(), null);

		Map<String, Object> yaml = new Yaml().load(SpringBootSnippet.of(client, "s3cr\"t\\", "http://localhost:9000"));

		Map<String, Object> oauth2 = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) yaml
			.get("spring")).get("security")).get("oauth2");
		Map<String, Object> client0 = (Map<String, Object>) oauth2.get("client");
		Map<String, Object> registration = (Map<String, Object>) ((Map<String, Object>) client0.get("registration"))
			.get("portcullis");
		assertThat(registration).containsEntry("client-id", "reports")
			.containsEntry("client-secret", "s3cr\"t\\")
			.containsEntry("client-authentication-method", "client_secret_basic")
			.containsEntry("authorization-grant-type", "authorization_code")
			.containsEntry("redirect-uri", "http://localhost:8083/login/oauth2/code/portcullis")
			.containsEntry("scope", List.of("openid", "odd:\"scope\"#x"));
		assertThat((Map<String, Object>) ((Map<String, Object>) client0.get("provider")).get("portcullis"))
			.containsEntry("issuer-uri", "http://localhost:9000");
	}

	@Test
	void whenAPublicAppIsShownThenTheSnippetHasNoSecret() {
		ClientView client = new ClientView("id", "spa", "SPA", ClientType.PUBLIC, List.of("http://localhost:5173/cb"),
				List.of(), null, List.of("openid"), Set.of("authorization_code"), false, false, true, Instant.now(),
				null);

		String snippet = SpringBootSnippet.of(client, null, "http://localhost:9000");

		assertThat(snippet).contains("client-authentication-method: none").doesNotContain("client-secret");
	}

}
