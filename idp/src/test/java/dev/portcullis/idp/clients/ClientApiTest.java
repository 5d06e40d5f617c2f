package dev.portcullis.idp.clients;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.portcullis.idp.admin.AdminApiClient;
import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.CodeFlow;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.support.RowCounts;
import dev.portcullis.idp.support.TokenClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Apps in the admin REST API: the same operations and rules as the console, JSON in and out. */
@IdpTest
class ClientApiTest {

	@LocalServerPort
	int port;

	@Autowired
	ClientAdmin clientAdmin;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CachingRegisteredClientRepository clients;

	private AdminApiClient api;

	@BeforeEach
	void automation() {
		this.api = AdminApiClient.withNewAutomationApp(this.port, this.clientAdmin);
	}

	@Test
	void whenAnAppIsRegisteredThroughTheApiThenItCompletesAuthorizationCodeWithPkceAtOnce() {
		String redirectUri = "http://127.0.0.1:9999/api-app";
		AdminApiClient.Response created = this.api.post("/admin/api/v1/clients",
				app("api-app", "API App", redirectUri));

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo("/admin/api/v1/clients/api-app");
		String secret = created.get("clientSecret");
		assertThat(secret).matches("[A-Za-z0-9_-]{43}");
		assertThat(created.get("type")).isEqualTo("confidential");

		TokenClient.Response tokens = new CodeFlow(this.port, "api-app", secret, redirectUri)
			.tokens(new Browser(this.port), "openid profile", "alice", "alice-password");
		assertThat(tokens.status()).isEqualTo(200);
		assertThat(tokens.get("id_token")).isNotBlank();

		AdminApiClient.Response read = this.api.get("/admin/api/v1/clients/api-app");
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json()).doesNotContainKey("clientSecret");
		assertThat(read.body()).doesNotContain(secret).doesNotContain("sha256");
		assertThat(this.api.get("/admin/api/v1/clients").body()).contains("\"api-app\"").doesNotContain(secret);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'client.registered' AND target = ?")
			.param("api-app")
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void whenTheSecretIsRotatedThroughTheApiThenTheOldOneFailsAtTheTokenEndpointAndTheNewOneWorks() {
		Map<String, Object> body = app("api-rotate", "Rotating", null);
		body.put("grantTypes", List.of("client_credentials"));
		body.put("scopes", List.of("reports.read"));
		String oldSecret = this.api.post("/admin/api/v1/clients", body).get("clientSecret");

		AdminApiClient.Response rotated = this.api.post("/admin/api/v1/clients/api-rotate/secret", null);

		assertThat(rotated.status()).isEqualTo(200);
		String newSecret = rotated.get("clientSecret");
		assertThat(newSecret).isNotEqualTo(oldSecret);
		TokenClient.Response refused = new TokenClient(this.port, "api-rotate", oldSecret)
			.clientCredentials("reports.read");
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.get("error")).isEqualTo("invalid_client");
		assertThat(new TokenClient(this.port, "api-rotate", newSecret).clientCredentials("reports.read").status())
			.isEqualTo(200);
	}

	@Test
	void whenAnAppIsDeletedThroughTheApiThenItsRefreshTokensStopWorking() {
		String redirectUri = "http://127.0.0.1:9999/api-delete";
		String secret = this.api.post("/admin/api/v1/clients", app("api-delete", "Deleted", redirectUri))
			.get("clientSecret");
		CodeFlow app = new CodeFlow(this.port, "api-delete", secret, redirectUri);
		TokenClient client = app.tokenClient();
		String refreshToken = app.tokens(new Browser(this.port), "openid", "bob", "bob-password").get("refresh_token");
		assertThat(refreshToken).isNotBlank();

		assertThat(this.api.delete("/admin/api/v1/clients/api-delete").status()).isEqualTo(204);

		TokenClient.Response refresh = client.refresh(refreshToken);
		assertThat(refresh.status()).isIn(400, 401);
		assertThat(refresh.get("error")).isIn("invalid_grant", "invalid_client");
		assertThat(this.api.get("/admin/api/v1/clients/api-delete").status()).isEqualTo(404);
		assertThat(this.api.delete("/admin/api/v1/clients/api-delete").status()).isEqualTo(404);
	}

	@Test
	void whenAnAppIsChangedDisabledAndEnabledThroughTheApiThenTheChangesShow() {
		this.api.post("/admin/api/v1/clients", app("api-change", "Before", "https://before.example/cb"));

		AdminApiClient.Response changed = this.api.put("/admin/api/v1/clients/api-change",
				app("ignored", "After", "https://after.example/cb"));
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.get("name")).isEqualTo("After");
		assertThat(changed.get("clientId")).isEqualTo("api-change");
		assertThat(changed.body()).contains("https://after.example/cb").doesNotContain("before.example");

		assertThat(this.api.post("/admin/api/v1/clients/api-change/disable", null).get("enabled")).isEqualTo("false");
		assertThat(this.api.post("/admin/api/v1/clients/api-change/enable", null).get("enabled")).isEqualTo("true");
	}

	@Test
	void whenTheClientIdIsTakenThenTheAnswerIs409AndTheExistingAppIsUntouched() {
		AdminApiClient.Response response = this.api.post("/admin/api/v1/clients",
				app("portal", "Not the portal", "https://x.example/cb"));

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.errors()).containsKey("clientId");
		assertThat(this.clientAdmin.get("portal").name()).isEqualTo("Portal");
	}

	@Test
	void whenTheRequestBreaksTheRulesThenTheAnswerIs400WithTheFieldErrorsAndNothingIsCreated() {
		int before = RowCounts.registeredClients(this.jdbc);
		Map<String, Object> body = app("api-bad", "", "http://evil.example/cb#frag");
		body.put("grantTypes", List.of("implicit"));

		AdminApiClient.Response response = this.api.post("/admin/api/v1/clients", body);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json()).containsEntry("status", 400);
		assertThat(response.errors()).containsKeys("name", "grantTypes", "redirectUris");
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.portcullis");
		assertThat(RowCounts.registeredClients(this.jdbc)).isEqualTo(before);
	}

	@Test
	void whenTheBodyIsMalformedJsonThenTheAnswerIs400AndNothingIsCreated() {
		int before = RowCounts.registeredClients(this.jdbc);

		AdminApiClient.Response response = this.api.postRaw("/admin/api/v1/clients", "{\"name\": \"x\", ");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.get("detail")).isEqualTo("The request body is not valid JSON for this operation");
		assertThat(response.body()).doesNotContain("tools.jackson").doesNotContain("Exception");
		assertThat(RowCounts.registeredClients(this.jdbc)).isEqualTo(before);
	}

	@Test
	void whenThereIsNoTokenOrAForgedOneThenTheAnswerIs401() {
		AdminApiClient.Response none = new AdminApiClient(this.port, null).get("/admin/api/v1/clients");
		assertThat(none.status()).isEqualTo(401);
		assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
		assertThat(none.header("Content-Type")).startsWith("application/problem+json");

		String forged = this.api.token().substring(0, this.api.token().length() - 4) + "AAAA";
		assertThat(new AdminApiClient(this.port, forged).get("/admin/api/v1/clients").status()).isEqualTo(401);
		assertThat(new AdminApiClient(this.port, "not-a-jwt").post("/admin/api/v1/clients", Map.of()).status())
			.isEqualTo(401);
	}

	@Test
	void whenTheTokenLacksTheAdminScopeThenTheAnswerIs403() {
		String token = new TokenClient(this.port, "test-client", "test-secret").clientCredentials("reports.read")
			.get("access_token");

		AdminApiClient.Response response = new AdminApiClient(this.port, token).post("/admin/api/v1/clients",
				app("api-403", "Nope", "https://x.example/cb"));

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(this.clientAdmin.list().stream().noneMatch((c) -> c.clientId().equals("api-403"))).isTrue();
	}

	@Test
	void whenATokenActsForAPersonThenOnlyAnAdminMayUseTheApi() {
		String redirectUri = "http://127.0.0.1:9999/admin-cli";
		String secret = this.clientAdmin.register(new ClientDraft("admin-cli-" + System.nanoTime(), "Admin CLI",
				ClientType.CONFIDENTIAL, List.of(redirectUri), List.of(), null, List.of("openid", "portcullis.admin"),
				false, Set.of("authorization_code")), "test").secret();
		String clientId = this.clientAdmin.list()
			.stream()
			.filter((c) -> c.name().equals("Admin CLI"))
			.reduce((a, b) -> b)
			.orElseThrow()
			.clientId();

		String aliceToken = personToken(clientId, secret, redirectUri, "alice", "alice-password");
		String adminToken = personToken(clientId, secret, redirectUri, "admin", "admin-password");

		assertThat(new AdminApiClient(this.port, aliceToken).get("/admin/api/v1/clients").status()).isEqualTo(403);
		assertThat(new AdminApiClient(this.port, adminToken).get("/admin/api/v1/clients").status()).isEqualTo(200);
	}

	@Test
	void whenTheTokenIsRevokedOrItsAppDisabledThenTheAnswerIs401() {
		String secret = this.clientAdmin.register(new ClientDraft("revoking-automation", "Revoking automation",
				ClientType.CONFIDENTIAL, List.of(), List.of(), null, List.of("portcullis.admin"), false,
				Set.of("client_credentials")), "test").secret();
		TokenClient automation = new TokenClient(this.port, "revoking-automation", secret);
		String revoked = automation.clientCredentials("portcullis.admin").get("access_token");
		String kept = automation.clientCredentials("portcullis.admin").get("access_token");
		assertThat(new AdminApiClient(this.port, revoked).get("/admin/api/v1/clients").status()).isEqualTo(200);

		assertThat(automation.post("/oauth2/revoke", Map.of("token", revoked)).status()).isEqualTo(200);

		assertThat(new AdminApiClient(this.port, revoked).get("/admin/api/v1/clients").status()).isEqualTo(401);
		assertThat(new AdminApiClient(this.port, kept).get("/admin/api/v1/clients").status()).isEqualTo(200);

		this.clientAdmin.setEnabled("revoking-automation", false, "test");
		assertThat(new AdminApiClient(this.port, kept).get("/admin/api/v1/clients").status()).isEqualTo(401);
	}

	@Test
	void whenAnUnknownAppIsAskedForThenTheAnswerIs404() {
		AdminApiClient.Response response = this.api.get("/admin/api/v1/clients/no-such-app");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.get("detail")).contains("no-such-app");
	}

	private String personToken(String clientId, String secret, String redirectUri, String username,
			String password) {
		return new CodeFlow(this.port, clientId, secret, redirectUri)
			.tokens(new Browser(this.port), "openid portcullis.admin", username, password)
			.get("access_token");
	}

	@Test
	void whenSecondFactorRequiredIsSetThroughTheApiThenItIsStoredShownAndClearedOnlyWhenSaidSo() {
		Map<String, Object> body = app("api-mfa", "Payroll", "http://127.0.0.1:9999/api-mfa");
		body.put("secondFactorRequired", true);

		AdminApiClient.Response created = this.api.post("/admin/api/v1/clients", body);

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json()).containsEntry("secondFactorRequired", true);
		assertThat(PortcullisClientSettings.secondFactorRequired(this.clients.findByClientId("api-mfa"))).isTrue();

		body.remove("secondFactorRequired");
		body.put("name", "Payroll (renamed)");
		AdminApiClient.Response unsaid = this.api.put("/admin/api/v1/clients/api-mfa", body);
		assertThat(unsaid.status()).isEqualTo(200);
		assertThat(unsaid.json()).as("left out on change: stays as it is").containsEntry("secondFactorRequired", true);

		body.put("secondFactorRequired", false);
		assertThat(this.api.put("/admin/api/v1/clients/api-mfa", body).json()).containsEntry("secondFactorRequired",
				false);
		assertThat(this.api.get("/admin/api/v1/clients/api-mfa").json()).containsEntry("secondFactorRequired", false);
		assertThat(PortcullisClientSettings.secondFactorRequired(this.clients.findByClientId("api-mfa"))).isFalse();
		assertThat(this.jdbc.sql("SELECT details FROM audit_events WHERE target = ? AND action = 'client.updated' "
				+ "ORDER BY id")
			.param("api-mfa")
			.query(String.class)
			.list()).satisfiesExactly((kept) -> assertThat(kept).contains("second factor=required"),
					(cleared) -> assertThat(cleared).contains("second factor=not required"));
	}

	@Test
	void whenAnAppIsRegisteredWithoutSecondFactorRequiredThenItIsFalse() {
		AdminApiClient.Response created = this.api.post("/admin/api/v1/clients",
				app("api-no-mfa", "Plain", "http://127.0.0.1:9999/api-no-mfa"));

		assertThat(created.json()).containsEntry("secondFactorRequired", false);
	}

	static Map<String, Object> app(String clientId, String name, String redirectUri) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("clientId", clientId);
		body.put("name", name);
		body.put("type", "confidential");
		body.put("redirectUris", (redirectUri != null) ? List.of(redirectUri) : List.of());
		body.put("scopes", List.of("openid", "profile", "email"));
		body.put("grantTypes", List.of("authorization_code", "refresh_token"));
		return body;
	}

}
