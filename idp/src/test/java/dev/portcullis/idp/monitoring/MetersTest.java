package dev.portcullis.idp.monitoring;

import java.net.http.HttpResponse;
import java.util.Set;
import java.util.function.DoubleSupplier;

import dev.portcullis.idp.admin.AdminConsole;
import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.LogoutReceiver;
import dev.portcullis.idp.support.TokenClient;
import dev.portcullis.idp.users.UserAccount;
import dev.portcullis.idp.users.UserAccountRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each of the IdP's own meters moves when its event happens, read as Prometheus reads them, from
 * {@code /actuator/prometheus} on the management port; the public port does not serve them; and no sample names a
 * person or carries a secret. Each test reads its meters before and after, so the order of tests does not matter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "portcullis.sessions.back-channel-timeout=PT1S",
				"portcullis.sessions.back-channel-attempts=2" })
@ActiveProfiles({ "demo", "test" })
class MetersTest {

	private static LogoutReceiver answering;

	private static LogoutReceiver failing;

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	AuditLog auditLog;

	@DynamicPropertySource
	static void logoutReceivers(DynamicPropertyRegistry registry) throws Exception {
		answering = LogoutReceiver.answering();
		failing = LogoutReceiver.answeringWith(503);
		registry.add("portcullis.clients.backchannel-logout-uris.test-client", answering::uri);
		registry.add("portcullis.clients.backchannel-logout-uris.logout-client", failing::uri);
	}

	@AfterAll
	static void stopReceivers() throws Exception {
		answering.close();
		failing.close();
	}

	@Test
	void whenMetricsAreAskedForThenOnlyTheManagementPortServesThem() {
		assertThat(Scrape.get(this.managementPort, "/actuator/prometheus").statusCode()).isEqualTo(200);
		assertThat(Scrape.get(this.port, "/actuator/prometheus").statusCode()).isEqualTo(404);
		// Spring's own HTTP server and connection pool metrics stay on
		assertThat(scrape().text()).contains("http_server_requests_seconds_bucket", "hikaricp_connections");
		// the probes: on the management port, and for a load balancer on the public one too
		assertThat(Scrape.get(this.managementPort, "/actuator/health/readiness").body()).contains("\"UP\"");
		assertThat(Scrape.get(this.managementPort, "/actuator/health/liveness").body()).contains("\"UP\"");
		assertThat(Scrape.get(this.port, "/readyz").body()).contains("\"UP\"");
		assertThat(Scrape.get(this.port, "/livez").body()).contains("\"UP\"");
	}

	@Test
	void whenPeopleSignInThenEachOutcomeIsCounted() {
		String username = person("counted", true);
		String disabled = person("disabled", false);
		Scrape before = scrape();

		new Browser(this.port).signIn(username, "a-long-password");
		new Browser(this.port).signIn(username, "wrong-password");
		new Browser(this.port).signIn("nobody-" + System.nanoTime(), "whatever-password");
		new Browser(this.port).signIn(disabled, "a-long-password");

		Scrape after = scrape();
		assertThat(moved(before, after, "portcullis_signins_total", "outcome", "success")).isEqualTo(1);
		assertThat(moved(before, after, "portcullis_signins_total", "outcome", "bad_credentials")).isEqualTo(2);
		assertThat(moved(before, after, "portcullis_signins_total", "outcome", "disabled")).isEqualTo(1);
		assertThat(moved(before, after, "portcullis_audit_events_total", "action", "sign-in", "outcome", "failure"))
			.isEqualTo(3);
	}

	@Test
	void whenAPasswordIsCheckedThenItsHashesTimeAndCpuAreCounted() {
		String username = person("hashed", true); // a bcrypt hash: checked, then re-hashed with Argon2id
		Scrape before = scrape();

		new Browser(this.port).signIn(username, "a-long-password");

		Scrape after = scrape();
		assertThat(moved(before, after, "portcullis_password_hashes_seconds_count", "operation", "check"))
			.isEqualTo(1);
		assertThat(moved(before, after, "portcullis_password_hashes_seconds_count", "operation", "new")).isEqualTo(1);
		double seconds = moved(before, after, "portcullis_password_hashes_seconds_sum");
		double cpu = moved(before, after, "portcullis_password_hashing_cpu_seconds_total");
		// An Argon2id hash takes milliseconds of CPU, on the hashing thread alone: never more than the hashes' time.
		assertThat(cpu).isGreaterThan(0.001).isLessThanOrEqualTo(seconds + 0.001);
	}

	@Test
	void whenSomeoneKeepsGuessingThenTheLockAndTheRefusedAttemptsAreCounted() {
		String username = person("guessed", true);
		Scrape before = scrape();

		// five failures are allowed (account-failures), the sixth attempt locks, the seventh is refused unchecked
		for (int i = 0; i < 7; i++) {
			new Browser(this.port).signIn(username, "guess-" + i);
		}

		Scrape after = scrape();
		assertThat(moved(before, after, "portcullis_signin_locks_total", "kind", "username")).isEqualTo(1);
		assertThat(moved(before, after, "portcullis_signins_total", "outcome", "throttled")).isEqualTo(2);
		assertThat(moved(before, after, "portcullis_signins_total", "outcome", "bad_credentials")).isEqualTo(5);
	}

	@Test
	void whenTokensAreIssuedIntrospectedAndARefreshTokenIsReusedThenEachIsCounted() {
		TokenClient app = new TokenClient(this.port, "test-client", "test-secret");
		Scrape before = scrape();

		String accessToken = app.clientCredentials("reports.read").get("access_token");
		app.introspect(accessToken);
		new TokenClient(this.port, "other-client", "other-secret").introspect(accessToken);
		AuthorizationRequest request = AuthorizationRequest.of("test-client", "http://127.0.0.1:9999/callback",
				"openid");
		TokenClient.Response tokens = app.exchangeCode(request,
				new Browser(this.port).authorizationCode(request, "alice", "alice-password"));
		String refreshToken = tokens.get("refresh_token");
		assertThat(app.refresh(refreshToken).status()).isEqualTo(200);
		assertThat(app.refresh(refreshToken).status()).isEqualTo(400); // the same one again: reuse

		Scrape after = scrape();
		assertThat(moved(before, after, "portcullis_tokens_issued_total", "grant_type", "client_credentials",
				"client", "test-client")).isEqualTo(1);
		assertThat(moved(before, after, "portcullis_tokens_issued_total", "grant_type", "authorization_code",
				"client", "test-client")).isEqualTo(1);
		assertThat(moved(before, after, "portcullis_tokens_issued_total", "grant_type", "refresh_token", "client",
				"test-client")).isEqualTo(1);
		assertThat(moved(before, after, "portcullis_introspections_total", "client", "test-client", "active", "true"))
			.isEqualTo(1);
		// another client's token: answered inactive (IntrospectionPolicy), and counted so
		assertThat(moved(before, after, "portcullis_introspections_total", "client", "other-client", "active",
				"false")).isEqualTo(1);
		assertThat(moved(before, after, "portcullis_refresh_tokens_reused_total", "client", "test-client"))
			.isEqualTo(1);
		// the protocol endpoints are filters, not controllers: their latency still has its own uri (the dashboard's
		// p99 of the token and authorize endpoints). Recorded as the response ends: read until all are in.
		assertThat(awaitMove(() -> moved(before, scrape(), "http_server_requests_seconds_count", "uri",
				"/oauth2/token") - 3)).isEqualTo(1);
		assertThat(awaitMove(() -> moved(before, scrape(), "http_server_requests_seconds_count", "uri",
				"/oauth2/introspect") - 1)).isEqualTo(1);
		assertThat(after.value("http_server_requests_seconds_count", "uri", "/oauth2/authorize")).isPositive();
	}

	@Test
	void whenASessionEndsThenTheLiveSessionsGaugeDropsAndDeliveriesAreCountedByOutcomeAndApp() {
		Browser browser = new Browser(this.port);
		double liveBefore = scrape().value("portcullis_sessions_live");
		String idToken = signInTo(browser, "test-client", "test-secret", "http://127.0.0.1:9999/callback");
		signInTo(browser, "logout-client", "logout-secret", "http://127.0.0.1:9999/logout-callback");
		Scrape signedIn = scrape();
		assertThat(signedIn.value("portcullis_sessions_live")).isEqualTo(liveBefore + 1);

		browser.get("/connect/logout?id_token_hint=" + idToken);

		assertThat(scrape().value("portcullis_sessions_live")).isEqualTo(liveBefore);
		assertThat(awaitMove(() -> scrape().value("portcullis_backchannel_deliveries_total", "outcome", "delivered",
				"client", "test-client") - signedIn.value("portcullis_backchannel_deliveries_total", "outcome",
						"delivered", "client", "test-client")))
			.isEqualTo(1);
		// 503 twice (back-channel-attempts=2): one failed delivery
		assertThat(awaitMove(() -> scrape().value("portcullis_backchannel_deliveries_total", "outcome", "failed",
				"client", "logout-client") - signedIn.value("portcullis_backchannel_deliveries_total", "outcome",
						"failed", "client", "logout-client")))
			.isEqualTo(1);
	}

	@Test
	void whenAnAdminRegistersAnAppThenTheAdminActionIsCounted() {
		AdminConsole console = AdminConsole.admin(this.port);
		Scrape before = scrape();

		HttpResponse<String> issued = console.post("/admin/clients",
				AdminConsole.app("Metered", "metered-" + System.nanoTime(), "https://metered.example/cb"));

		assertThat(issued.statusCode()).isEqualTo(200);
		assertThat(moved(before, scrape(), "portcullis_admin_actions_total", "action", "client.registered"))
			.isEqualTo(1);
	}

	@Test
	void whenASecondFactorIsAuditedThenItIsCountedByEventAndOutcome() {
		// No second factor exists yet; its outcomes will be audit events named mfa.*, counted from the audit log.
		Scrape before = scrape();

		this.auditLog.success("someone", "mfa.succeeded", "someone", "totp");
		this.auditLog.failure("someone", "mfa.failed", "someone", "totp");
		this.auditLog.failure("someone", "mfa.failed", "someone", "passkey");
		this.auditLog.success("someone", "mfa.removed", "someone", "their own authenticator app");
		this.auditLog.success("an-admin", "mfa.removed", "someone", "every factor, by an admin");

		Scrape after = scrape();
		assertThat(moved(before, after, "portcullis_mfa_events_total", "event", "succeeded", "outcome", "success"))
			.isEqualTo(1);
		assertThat(moved(before, after, "portcullis_mfa_events_total", "event", "failed", "outcome", "failure"))
			.isEqualTo(2);
		assertThat(moved(before, after, "portcullis_mfa_events_total", "event", "removed")).isEqualTo(2);
		assertThat(moved(before, after, "portcullis_admin_actions_total", "action", "mfa.removed")).isEqualTo(1);
		assertThat(after.text()).doesNotContain("someone", "an-admin");
	}

	@Test
	void whenEverythingAboveHappenedThenNoSampleNamesAPersonOrCarriesASecret() {
		String username = person("private", true);
		new Browser(this.port).signIn(username, "a-long-password");
		new Browser(this.port).signIn(username, "wrong-password");
		TokenClient app = new TokenClient(this.port, "test-client", "test-secret");
		String accessToken = app.clientCredentials("reports.read").get("access_token");
		app.introspect(accessToken);
		AdminConsole console = AdminConsole.admin(this.port);
		String secret = AdminConsole.text(console.post("/admin/clients",
				AdminConsole.app("Secretive", "secretive-" + System.nanoTime(), "https://secretive.example/cb"))
			.body(), "client-secret");

		String text = scrape().text();

		assertThat(text).contains("portcullis_signins_total", "portcullis_tokens_issued_total");
		assertThat(text).doesNotContain(username, "alice", "bob", "admin-password", "a-long-password",
				"wrong-password", "test-secret", secret, accessToken, accessToken.substring(0, 20), "127.0.0.1");
		// the IdP's own meters carry only these labels
		assertThat(text.lines().filter((line) -> line.startsWith("portcullis_")))
			.allSatisfy((line) -> assertThat(labelNames(line))
				.isSubsetOf(Set.of("outcome", "kind", "event", "grant_type", "client", "active", "action",
						"operation")));
	}

	private Scrape scrape() {
		return Scrape.of(this.managementPort);
	}

	private static double moved(Scrape before, Scrape after, String name, String... labels) {
		return after.value(name, labels) - before.value(name, labels);
	}

	/** Deliveries happen in the background: the value once it is no longer 0 (read again for up to 20 s). */
	private static double awaitMove(DoubleSupplier moved) {
		for (int i = 0; i < 200; i++) {
			double value = moved.getAsDouble();
			if (value != 0) {
				return value;
			}
			sleep(100);
		}
		return moved.getAsDouble();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private String person(String prefix, boolean enabled) {
		String username = prefix + "-" + System.nanoTime();
		UserAccount account = this.accounts.create(username, null, "Metered Person",
				"{bcrypt}" + new BCryptPasswordEncoder(4).encode("a-long-password"), Set.of(UserAccount.ROLE_USER));
		if (!enabled) {
			this.accounts.setEnabled(account.id(), false);
		}
		return username;
	}

	private String signInTo(Browser browser, String clientId, String secret, String redirectUri) {
		AuthorizationRequest request = AuthorizationRequest.of(clientId, redirectUri, "openid");
		String code = browser.authorizationCode(request, "bob", "bob-password");
		TokenClient.Response tokens = new TokenClient(this.port, clientId, secret).exchangeCode(request, code);
		assertThat(tokens.status()).isEqualTo(200);
		return tokens.get("id_token");
	}

	private static Set<String> labelNames(String line) {
		if (!line.contains("{")) {
			return Set.of();
		}
		String labels = line.substring(line.indexOf('{') + 1, line.lastIndexOf('}'));
		return java.util.Arrays.stream(labels.split("\",?"))
			.filter((part) -> part.contains("="))
			.map((part) -> part.substring(0, part.indexOf('=')).replace(",", "").trim())
			.collect(java.util.stream.Collectors.toSet());
	}

}
