package dev.portcullis.idp.monitoring;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.UUID;

import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness follows the database: when the IdP can no longer reach it, {@code /actuator/health/readiness} turns DOWN
 * (503, so a load balancer or Kubernetes stops sending people there) while liveness stays UP (restarting would not
 * help); when the database is back, readiness is UP again by itself. The database is a real H2 server over TCP that
 * the test stops and starts again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.hikari.connection-timeout=1000",
				"spring.datasource.hikari.validation-timeout=500",
				// the components, so the test sees which one is down (production shows the status only)
				"management.endpoint.health.group.readiness.show-components=always" })
@ActiveProfiles({ "demo", "test" })
// Closed after the class: its database is gone then, and a cached context would go on running Spring Session's
// cleanup against it every minute (errors in the rest of the build's log).
@DirtiesContext
class ReadinessTest {

	private static int databasePort;

	private static Server database;

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			databasePort = socket.getLocalPort();
		}
		database = start();
		String name = "readiness-" + UUID.randomUUID();
		// DB_CLOSE_DELAY=-1: the in-memory database outlives the server's stop, as a real database outlives a
		// network outage
		registry.add("spring.datasource.url",
				() -> "jdbc:h2:tcp://127.0.0.1:" + databasePort + "/mem:" + name + ";DB_CLOSE_DELAY=-1");
	}

	@AfterAll
	static void stopDatabase() {
		database.stop();
	}

	@Test
	void whenTheDatabaseBecomesUnreachableThenReadinessIsDownUntilItIsBack() throws Exception {
		assertThat(status("/actuator/health/readiness")).isEqualTo(200);

		database.stop();
		HttpResponse<String> down = awaitStatus("/actuator/health/readiness", 503);

		assertThat(down.body()).contains("\"db\":{\"status\":\"DOWN\"}");
		assertThat(status("/actuator/health/liveness")).isEqualTo(200);

		database = start();
		HttpResponse<String> up = awaitStatus("/actuator/health/readiness", 200);

		assertThat(up.body()).contains("\"db\":{\"status\":\"UP\"}", "\"signingKey\":{\"status\":\"UP\"}");
		assertThat(status("/actuator/health")).isEqualTo(200);
	}

	private static Server start() throws SQLException {
		return Server.createTcpServer("-tcpPort", String.valueOf(databasePort), "-ifNotExists").start();
	}

	private int status(String path) {
		return Scrape.get(this.port, path).statusCode();
	}

	/** Asks again (for up to 60 s) until the answer has {@code status}; returns the last answer. */
	private HttpResponse<String> awaitStatus(String path, int status) throws InterruptedException {
		HttpResponse<String> response = Scrape.get(this.port, path);
		for (int i = 0; i < 120 && response.statusCode() != status; i++) {
			Thread.sleep(500);
			response = Scrape.get(this.port, path);
		}
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
		return response;
	}

}
