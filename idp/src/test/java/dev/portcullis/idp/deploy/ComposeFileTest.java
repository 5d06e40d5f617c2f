package dev.portcullis.idp.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.portcullis.idp.monitoring.PortcullisMeters;

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

	@Test
	@SuppressWarnings("unchecked")
	void whenTheMonitoringOverrideIsReadThenPrometheusScrapesEveryNodesManagementPortAndGrafanaHasTheDashboard()
			throws Exception {
		Map<String, Map<String, Object>> base = services(Files.readString(ROOT.resolve("docker-compose.yml")));
		String text = Files.readString(ROOT.resolve("docker-compose.monitoring.yml"));
		Map<String, Map<String, Object>> services = services(text);
		Map<String, Object> prometheus = new Yaml().load(Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml")));
		String scrapeConfig = String.valueOf(prometheus.get("scrape_configs"));

		assertThat(services).containsOnlyKeys("prometheus", "grafana");
		// every node's metrics: on its management port, on loopback; the public port is not scraped
		for (String node : List.of("idp-1", "idp-2")) {
			Map<String, Object> environment = environment(base.get(node));
			assertThat(environment).containsEntry("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
			assertThat(scrapeConfig).contains("127.0.0.1:" + environment.get("MANAGEMENT_SERVER_PORT"))
				.doesNotContain("127.0.0.1:" + environment.get("SERVER_PORT"));
			assertThat(String.valueOf(base.get(node).get("healthcheck")))
				.contains("/dev/tcp/127.0.0.1/" + environment.get("MANAGEMENT_SERVER_PORT"), "/actuator/health/readiness");
		}
		assertThat(scrapeConfig).contains("/actuator/prometheus");
		// nothing listens beyond the machine, and Grafana's password is required, never defaulted
		assertThat((List<String>) services.get("prometheus").get("command")).contains("--web.listen-address=127.0.0.1:9090");
		assertThat(environment(services.get("grafana"))).containsEntry("GF_SERVER_HTTP_ADDR", "127.0.0.1");
		assertThat(environment(services.get("grafana")).get("GF_SECURITY_ADMIN_PASSWORD")).asString()
			.startsWith("${GRAFANA_ADMIN_PASSWORD:?");
		assertThat(services.values()).allSatisfy((service) -> assertThat(service).doesNotContainKey("ports"));
		assertThat((List<String>) services.get("grafana").get("volumes")).contains(
				"./deploy/grafana/provisioning:/etc/grafana/provisioning:ro",
				"./deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro");
	}

	@Test
	void whenTheDashboardIsReadThenEveryMetricItQueriesIsOneTheIdpServesFromTheProvisionedDataSource()
			throws Exception {
		String dashboard = Files.readString(ROOT.resolve("deploy/grafana/dashboards/portcullis-idp.json"));
		String dataSource = Files.readString(ROOT.resolve("deploy/grafana/provisioning/datasources/prometheus.yml"));
		Set<String> served = new HashSet<>();
		for (Field field : PortcullisMeters.class.getFields()) {
			String name = String.valueOf(field.get(null));
			if (name.startsWith("portcullis.")) {
				String prometheusName = name.replace('.', '_');
				served.add(prometheusName);
				served.add(prometheusName + "_total");
			}
		}

		Matcher metrics = Pattern.compile("portcullis_[a-z_]+").matcher(dashboard);
		List<String> queried = new ArrayList<>();
		while (metrics.find()) {
			queried.add(metrics.group());
		}

		assertThat(queried).isNotEmpty().allSatisfy((metric) -> assertThat(served).contains(metric));
		assertThat(queried).contains("portcullis_signins_total", "portcullis_tokens_issued_total",
				"portcullis_sessions_live", "portcullis_backchannel_deliveries_total");
		assertThat(dashboard).contains("http_server_requests_seconds_bucket", "/oauth2/token|/oauth2/authorize");
		assertThat(dataSource).contains("uid: portcullis-prometheus");
		assertThat(dashboard).contains("\"uid\": \"portcullis-prometheus\"").doesNotContain("${DS_");
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
