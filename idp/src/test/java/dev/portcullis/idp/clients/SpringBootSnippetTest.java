package dev.portcullis.idp.clients;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/** The application.yml snippet is YAML that the client starter's keys (portcullis.client.*) read back exactly. */
class SpringBootSnippetTest {

	@Test
	@SuppressWarnings("unchecked")
	void whenAConfidentialAppIsShownThenTheSnippetIsValidYamlWithTheStartersKeys() {
		ClientView client = new ClientView("id", "reports", "Reports", ClientType.CONFIDENTIAL,
				List.of("http://localhost:8083/login/oauth2/code/portcullis"), List.of("http://localhost:8083/"), null,
				List.of("openid", "odd:\"scope\"#x"), Set.of("authorization_code", "refresh_token"), false, false, true,
				Instant.now(), null);

		String snippet = SpringBootSnippet.of(client, "s3cr\"t\\", "http://localhost:9000");
		Map<String, Object> yaml = new Yaml().load(snippet);

		Map<String, Object> starter = (Map<String, Object>) ((Map<String, Object>) yaml.get("portcullis")).get("client");
		assertThat(starter).containsOnly(Map.entry("issuer", "http://localhost:9000"),
				Map.entry("client-id", "reports"), Map.entry("client-secret", "s3cr\"t\\"),
				Map.entry("scopes", List.of("openid", "odd:\"scope\"#x")),
				Map.entry("post-logout-redirect-uri", "http://localhost:8083/"));
		assertThat(snippet.lines().filter((line) -> line.startsWith("    "))).as("five lines of YAML").hasSize(5);
	}

	@Test
	@SuppressWarnings("unchecked")
	void whenTheRedirectUriIsNotTheStartersCallbackThenTheSnippetNamesIt() {
		ClientView client = new ClientView("id", "reports", "Reports", ClientType.CONFIDENTIAL,
				List.of("https://reports.example.com/signed-in"), List.of(), null, List.of("openid"),
				Set.of("authorization_code"), false, false, true, Instant.now(), null);

		Map<String, Object> yaml = new Yaml().load(SpringBootSnippet.of(client, null, "http://localhost:9000"));

		assertThat((Map<String, Object>) ((Map<String, Object>) yaml.get("portcullis")).get("client"))
			.containsEntry("redirect-uri", "https://reports.example.com/signed-in")
			.containsEntry("client-secret", "${PORTCULLIS_CLIENT_SECRET}");
	}

	@Test
	void whenAPublicAppIsShownThenTheSnippetHasNoSecret() {
		ClientView client = new ClientView("id", "spa", "SPA", ClientType.PUBLIC, List.of("http://localhost:5173/cb"),
				List.of(), null, List.of("openid"), Set.of("authorization_code"), false, false, true, Instant.now(), null);

		String snippet = SpringBootSnippet.of(client, null, "http://localhost:9000");

		assertThat(snippet).contains("client-authentication-method: none").doesNotContain("client-secret");
	}

	@Test
	@SuppressWarnings("unchecked")
	void whenAMachineClientIsShownThenTheSnippetUsesSpringBootsOwnClientCredentialsKeys() {
		ClientView client = new ClientView("id", "batch", "Batch", ClientType.CONFIDENTIAL, List.of(), List.of(), null,
				List.of("portal.api"), Set.of("client_credentials"), false, false, true, Instant.now(), null);

		Map<String, Object> yaml = new Yaml().load(SpringBootSnippet.of(client, "s", "http://localhost:9000"));

		assertThat(yaml).containsOnlyKeys("spring");
		assertThat(yaml.toString()).contains("authorization-grant-type=client_credentials", "issuer-uri=http://localhost:9000");
	}

}
