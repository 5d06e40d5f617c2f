package dev.portcullis.idp.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.portcullis.idp.IdpApplication;
import dev.portcullis.idp.support.Databases;
import dev.portcullis.idp.support.RequiresPostgres;
import dev.portcullis.idp.support.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two IdP nodes started at the same moment on one empty PostgreSQL database: both come up, and the seeding
 * (schema, demo users, first admin, declared clients) happens once.
 */
@RequiresPostgres
class TwoNodesStartTogetherTest {

	@Test
	void whenTwoNodesStartTogetherOnAnEmptyDatabaseThenBothStartAndNothingIsSeededTwice() throws Exception {
		DataSource schema = Databases.postgresql();
		TestPostgres.Server server = TestPostgres.server();
		String url;
		try (var connection = schema.getConnection()) {
			url = connection.getMetaData().getURL();
		}
		// Databases migrated it; start from an empty schema instead, as a fresh deployment would.
		JdbcClient jdbc = JdbcClient.create(schema);
		String name = jdbc.sql("SELECT current_schema()").query(String.class).single();
		jdbc.sql("DROP SCHEMA " + name + " CASCADE").update();
		jdbc.sql("CREATE SCHEMA " + name).update();
		List<ConfigurableApplicationContext> nodes = new ArrayList<>();
		// Two applications in one JVM would both (re)initialise the one logging system at the same moment,
		// which Spring Boot's Logback support does not survive; the nodes leave logging as it is.
		String loggingSystem = System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
		try {
			CompletableFuture<ConfigurableApplicationContext> first = CompletableFuture.supplyAsync(() -> start(url, server));
			CompletableFuture<ConfigurableApplicationContext> second = CompletableFuture.supplyAsync(() -> start(url, server));
			nodes.add(first.get(120, TimeUnit.SECONDS));
			nodes.add(second.get(120, TimeUnit.SECONDS));

			assertThat(jdbc.sql("SELECT COUNT(*) FROM users WHERE username = 'alice'").query(Integer.class).single())
				.isEqualTo(1);
			assertThat(jdbc.sql("SELECT COUNT(*) FROM oauth2_registered_client WHERE client_id = 'portal'")
				.query(Integer.class)
				.single()).isEqualTo(1);
			assertThat(jdbc.sql("SELECT COUNT(*) FROM user_roles WHERE role = 'ADMIN'").query(Integer.class).single())
				.isEqualTo(1);
		}
		finally {
			if (loggingSystem != null) {
				System.setProperty(LoggingSystem.SYSTEM_PROPERTY, loggingSystem);
			}
			else {
				System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
			}
			nodes.forEach(ConfigurableApplicationContext::close);
			Databases.dropSchema(schema);
		}
	}

	private static ConfigurableApplicationContext start(String url, TestPostgres.Server server) {
		return new SpringApplicationBuilder(IdpApplication.class).profiles("postgres", "demo")
			.run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=" + server.user(),
					"--spring.datasource.password=" + server.password(),
					"--logging.level.root=WARN");
	}

}
