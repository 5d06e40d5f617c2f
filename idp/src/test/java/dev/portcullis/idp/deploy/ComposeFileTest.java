package dev.portcullis.idp.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml as shipped is safe to start on a server: no demo profile, no default password, nothing but the
 * proxy listening beyond the machine. The demo lives in docker-compose.demo.yml. (.ci/run also has docker-compose
 * validate both, and checks that a missing POSTGRES_PASSWORD stops it with a message.)
 */
class ComposeFileTest {

	private static final Path ROOT = Path.of("..");

	@Test
	@SuppressWarnings("unchecked")
	void whenTheComposeFileIsReadThenItHasNoDemoNoDefaultPasswordAndOnlyTheProxyListensOutside() throws Exception {
		String text = Files.readString(ROOT.resolve("docker-compose.yml"));
		Map<String, Map<String, Object>> services = services(text);

		assertThat(services).containsOnlyKeys("postgres", "idp-1", "idp-2", "proxy");
		services.forEach((name, service) -> {
			assertThat(service).as(name + " publishes no port").doesNotContainKey("ports");
			assertThat(String.valueOf(environment(service).get("SPRING_PROFILES_ACTIVE"))).as(name).doesNotContain("demo");
		});
		// every password comes from the environment, required (${VAR:?message}), never with a default (${VAR:-x})
		assertThat(text).doesNotContain("change-me").doesNotContainPattern("PASSWORD:-[^}]");
		assertThat(environment(services.get("postgres")).get("POSTGRES_PASSWORD"))
			.asString()
			.startsWith("${POSTGRES_PASSWORD:?");
		assertThat(environment(services.get("idp-1")).get("SPRING_DATASOURCE_PASSWORD"))
			.asString()
			.startsWith("${POSTGRES_PASSWORD:?");
		// and the private signing keys are sealed with a key from the environment, required too
		assertThat(environment(services.get("idp-2")).get("PORTCULLIS_KEY_ENCRYPTION_KEY"))
			.asString()
			.startsWith("${PORTCULLIS_KEY_ENCRYPTION_KEY:?");
		// host networking: the database and the nodes bind to loopback, where only nginx reaches them
		assertThat((List<Object>) services.get("postgres").get("command")).contains("listen_addresses=127.0.0.1");
		assertThat(environment(services.get("idp-1"))).containsEntry("SERVER_ADDRESS", "127.0.0.1");
		assertThat(environment(services.get("idp-2"))).containsEntry("SERVER_ADDRESS", "127.0.0.1");
	}

	@Test
	void whenTheDemoOverrideIsReadThenItTurnsOnTheDemoAndAddsTheApps() throws Exception {
		Map<String, Map<String, Object>> services = services(Files.readString(ROOT.resolve("docker-compose.demo.yml")));

		assertThat(environment(services.get("idp-1"))).containsEntry("SPRING_PROFILES_ACTIVE", "postgres,demo");
		assertThat(environment(services.get("idp-2"))).containsEntry("SPRING_PROFILES_ACTIVE", "postgres,demo");
		assertThat(environment(services.get("portal"))).containsEntry("SPRING_PROFILES_ACTIVE", "demo");
		assertThat(environment(services.get("dashboard"))).containsEntry("SPRING_PROFILES_ACTIVE", "demo");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> services(String text) {
		LoaderOptions options = new LoaderOptions();
		options.setMaxAliasesForCollections(10);
		Map<String, Object> compose = new Yaml(options).load(text);
		return (Map<String, Map<String, Object>>) compose.get("services");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> environment(Map<String, Object> service) {
		Object environment = service.get("environment");
		return (environment instanceof Map) ? (Map<String, Object>) environment : Map.of();
	}

}
