package dev.portcullis.idp.sessions;

import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.CodeFlow;
import dev.portcullis.idp.support.LogoutReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What docs/security.md says of back-channel deliveries that fail: a failed attempt is retried, the IdP gives up
 * after {@code back-channel-attempts}, a non-2xx answer is a failure, and each outcome is an audit event (the
 * delivered one with its attempt, the failed one with the last reason).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "portcullis.sessions.back-channel-timeout=PT1S", "portcullis.sessions.back-channel-attempts=3" })
@ActiveProfiles({ "demo", "test" })
class BackChannelDeliveryFailuresTest {

	private static LogoutReceiver failsOnce;

	private static LogoutReceiver alwaysFails;

	private static LogoutReceiver stuck;

	private static int closedPort;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void receivers(DynamicPropertyRegistry registry) throws Exception {
		failsOnce = LogoutReceiver.answeringWith(500, 200);
		alwaysFails = LogoutReceiver.answeringWith(503);
		stuck = LogoutReceiver.hanging();
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort(); // nothing listens there once closed
		}
		registry.add("portcullis.clients.backchannel-logout-uris.test-client", failsOnce::uri);
		registry.add("portcullis.clients.backchannel-logout-uris.logout-client", alwaysFails::uri);
		registry.add("portcullis.clients.backchannel-logout-uris.portal", stuck::uri);
		registry.add("portcullis.clients.backchannel-logout-uris.dashboard",
				() -> "http://127.0.0.1:" + closedPort + "/backchannel-logout");
	}

	@AfterAll
	static void stopReceivers() throws Exception {
		failsOnce.close();
		alwaysFails.close();
		stuck.close();
	}

	@Test
	void whenDeliveriesFailThenTheyAreRetriedGivenUpAfterTheLastAttemptAndAudited() throws Exception {
		Browser browser = new Browser(this.port);
		String idToken = signIn(browser, "test-client", "test-secret", "http://127.0.0.1:9999/callback");
		signIn(browser, "logout-client", "logout-secret", "http://127.0.0.1:9999/logout-callback");
		signIn(browser, "portal", "portal-demo-secret", "http://localhost:8081/login/oauth2/code/portcullis");
		signIn(browser, "dashboard", "dashboard-demo-secret", "http://localhost:8082/login/oauth2/code/portcullis");
		String sid = NimbusJwtDecoder.withJwkSetUri(browser.baseUrl() + "/oauth2/jwks")
			.build()
			.decode(idToken)
			.getClaimAsString("sid");

		browser.get("/connect/logout?id_token_hint=" + idToken);

		// answered 500, then 200: retried once, delivered at the second attempt
		failsOnce.awaitToken(sid, "test-client", 10);
		failsOnce.awaitToken(sid, "test-client", 10);
		assertThat(awaitAudit("test-client", "backchannel-logout.delivered")).containsExactly("attempt 2, HTTP 200");

		// a non-2xx answer every time: three attempts, then given up
		assertThat(awaitAudit("logout-client", "backchannel-logout.failed"))
			.containsExactly("gave up after 3 attempts, last: HTTP 503");
		assertThat(alwaysFails.requestsReceived()).isEqualTo(3);

		// never answers: each attempt cut off after the timeout
		assertThat(awaitAudit("portal", "backchannel-logout.failed"))
			.containsExactly("gave up after 3 attempts, last: timed out");
		assertThat(stuck.requestsReceived()).isEqualTo(3);
		assertThat(stuck.requestsGivenUp()).isEqualTo(3);

		// nothing listens
		assertThat(awaitAudit("dashboard", "backchannel-logout.failed"))
			.containsExactly("gave up after 3 attempts, last: connection refused");

		Thread.sleep(3000); // longer than the longest pause between attempts: no fourth attempt comes
		assertThat(alwaysFails.requestsReceived()).isEqualTo(3);
		assertThat(stuck.requestsReceived()).isEqualTo(3);
		assertThat(failsOnce.requestsReceived()).isEqualTo(2);
		assertThat(audit("test-client", "backchannel-logout.failed")).isEmpty();
	}

	private String signIn(Browser browser, String clientId, String secret, String redirectUri) {
		return new CodeFlow(this.port, clientId, secret, redirectUri).tokens(browser, "openid", "alice", "alice-password")
			.get("id_token");
	}

	/** The details of the audit events {@code action} on {@code target}, once there is one (up to 20 s). */
	private List<String> awaitAudit(String target, String action) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(20);
		while (audit(target, action).isEmpty() && Instant.now().isBefore(deadline)) {
			Thread.sleep(100);
		}
		return audit(target, action);
	}

	private List<String> audit(String target, String action) {
		return this.jdbc.sql("SELECT details FROM audit_events WHERE target = ? AND action = ?")
			.params(target, action)
			.query(String.class)
			.list();
	}

}
