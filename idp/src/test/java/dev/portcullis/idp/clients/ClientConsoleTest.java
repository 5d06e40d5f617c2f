package dev.portcullis.idp.clients;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.portcullis.idp.admin.AdminConsole;
import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.CodeFlow;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.support.RowCounts;
import dev.portcullis.idp.support.TokenClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.portcullis.idp.admin.AdminConsole.app;
import static dev.portcullis.idp.admin.AdminConsole.text;
import static org.assertj.core.api.Assertions.assertThat;

/** The console's apps pages, driven over HTTP as a browser would, against the running IdP. */
@IdpTest
class ClientConsoleTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private AdminConsole console;

	@BeforeEach
	void signIn() {
		this.console = AdminConsole.admin(this.port);
	}

	@Test
	void whenAdminRegistersAnAppThenItsIdAndSecretAreShownOnceAndItSignsPeopleInAtOnce() {
		String redirectUri = "http://127.0.0.1:9999/reports-console";
		HttpResponse<String> page = this.console.post("/admin/clients", app("Reports", "reports-console", redirectUri));

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(text(page.body(), "client-id")).isEqualTo("reports-console");
		String secret = text(page.body(), "client-secret");
		assertThat(secret).matches("[A-Za-z0-9_-]{43}"); // 256 random bits, base64url
		String snippet = text(page.body(), "snippet");
		assertThat(snippet).contains("client-id: \"reports-console\"", "client-secret: \"" + secret + "\"",
				"issuer: \"http://localhost:9000\"", "redirect-uri: \"" + redirectUri + "\"");
		assertThat(page.body()).contains("data-copy=\"client-secret\"");

		assertThat(storedSecret("reports-console")).startsWith("{sha256}").doesNotContain(secret);
		assertThat(this.console.get("/admin/clients/reports-console").body()).doesNotContain(secret);
		assertThat(this.console.get("/admin/clients").body()).contains("reports-console").doesNotContain(secret);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE details LIKE ?")
			.param("%" + secret + "%")
			.query(Integer.class)
			.single()).isZero();

		TokenClient.Response tokens = signInWith("reports-console", secret, redirectUri);
		assertThat(tokens.status()).isEqualTo(200);
		assertThat(tokens.get("id_token")).isNotBlank();
		assertThat(tokens.get("refresh_token")).isNotBlank();
	}

	@Test
	void whenClientIdIsLeftEmptyThenOneIsMadeFromTheName() {
		HttpResponse<String> page = this.console.post("/admin/clients",
				app("Monthly Sales Report", "", "https://sales.example.com/callback"));

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(text(page.body(), "client-id")).startsWith("monthly-sales-report");
	}

	@Test
	void whenAPublicAppIsRegisteredThenItHasNoSecretAndUsesPkceAlone() {
		String redirectUri = "http://localhost:5173/callback";
		Map<String, String> form = app("Single Page", "spa-console", redirectUri);
		form.put("type", "public");
		form.put("grantTypes", "authorization_code");

		HttpResponse<String> page = this.console.post("/admin/clients", form);

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).doesNotContain("id=\"client-secret\"");
		assertThat(text(page.body(), "snippet")).contains("client-authentication-method: none")
			.doesNotContain("client-secret");
		assertThat(storedSecret("spa-console")).isNull();

		// its whole flow: PKCE is the only proof it has, there is no secret to send, and no refresh token
		Browser browser = new Browser(this.port);
		browser.signIn("alice", "alice-password");
		AuthorizationRequest withoutPkce = AuthorizationRequest.of("spa-console", redirectUri, "openid profile");
		String noChallenge = withoutPkce.uri(browser.baseUrl()).replaceAll("&code_challenge(_method)?=[^&]*", "");
		assertThat(Browser.redirectQuery(browser.get(noChallenge))).containsEntry("error", "invalid_request")
			.doesNotContainKey("code");

		AuthorizationRequest request = AuthorizationRequest.of("spa-console", redirectUri, "openid profile");
		String code = browser.authorizationCode(request, "alice", "alice-password");
		TokenClient spa = TokenClient.publicClient(this.port, "spa-console");
		TokenClient.Response wrongVerifier = spa.exchangeCode(request, code, "wrong-verifier-" + "x".repeat(40));
		assertThat(wrongVerifier.status()).isEqualTo(400);
		assertThat(wrongVerifier.get("error")).isEqualTo("invalid_grant");

		TokenClient.Response tokens = spa.exchangeCode(request, code);

		assertThat(tokens.status()).isEqualTo(200);
		assertThat(tokens.get("access_token")).isNotBlank();
		assertThat(tokens.get("id_token")).isNotBlank();
		assertThat(tokens.json()).doesNotContainKey("refresh_token");
		assertThat(new TokenClient(this.port, "spa-console", "any-secret").exchangeCode(request, code).status())
			.as("a public client cannot be authenticated with a secret").isEqualTo(401);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://app.example.com/callback#fragment", "https://*.example.com/callback",
			"https://app.example.com/*", "http://app.example.com/callback", "/relative/callback", "javascript:alert(1)",
			"data:text/html,<script>alert(1)</script>", "https://user:password@app.example.com/callback",
			"https://app.example.com/ca llback", "ftp://app.example.com/callback" })
	void whenRedirectUriBreaksTheRulesThenTheFormSaysWhyAndNothingIsSaved(String redirectUri) {
		int before = RowCounts.registeredClients(this.jdbc);

		HttpResponse<String> page = this.console.post("/admin/clients", app("Bad", "bad-redirect", redirectUri));

		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(text(page.body(), "error-redirectUris")).isNotBlank();
		assertThat(page.body()).contains("Nothing was saved").doesNotContain("Exception");
		assertThat(RowCounts.registeredClients(this.jdbc)).isEqualTo(before);
	}

	@Test
	void whenRedirectUriIsHttpOnALoopbackAddressThenItIsAccepted() {
		Map<String, String> form = app("Loopback", "loopback-console",
				"http://localhost:8083/a\nhttp://127.0.0.1:8083/b\nhttp://[::1]:8083/c");

		assertThat(this.console.post("/admin/clients", form).statusCode()).isEqualTo(200);
	}

	@Test
	void whenNameIsMissingThenTheFormSaysSoAndNothingIsSaved() {
		int before = RowCounts.registeredClients(this.jdbc);

		HttpResponse<String> page = this.console.post("/admin/clients", app("  ", "nameless", "https://x.example/cb"));

		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(text(page.body(), "error-name")).isEqualTo("Give the app a name");
		assertThat(RowCounts.registeredClients(this.jdbc)).isEqualTo(before);
	}

	@Test
	void whenClientIdIsTakenThenTheFormSaysSoAndTheExistingAppIsUntouched() {
		String portalBefore = storedSecret("portal");

		HttpResponse<String> page = this.console.post("/admin/clients",
				app("Another portal", "portal", "https://x.example/cb"));

		assertThat(page.statusCode()).isEqualTo(409);
		assertThat(text(page.body(), "error-clientId")).contains("already taken");
		assertThat(storedSecret("portal")).isEqualTo(portalBefore);
	}

	@Test
	void whenClientIdHasCharactersOutsideTheAllowedSetThenItIsRefused() {
		HttpResponse<String> page = this.console.post("/admin/clients",
				app("Odd", "odd id/with:colon", "https://x.example/cb"));

		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(text(page.body(), "error-clientId")).startsWith("Use 1 to 100 letters");
	}

	@Test
	void whenGrantTypesAreInconsistentWithTheTypeThenTheFormSaysWhy() {
		Map<String, String> form = app("Public machine", "public-machine", "https://x.example/cb");
		form.put("type", "public");
		form.put("grantTypes", "client_credentials");

		HttpResponse<String> page = this.console.post("/admin/clients", form);

		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(text(page.body(), "error-grantTypes")).contains("cannot use client credentials");
	}

	@Test
	void whenAnAppIsNamedLikeAScriptThenItIsShownAsText() {
		String name = "<script>alert('x')</script>";
		this.console.post("/admin/clients", app(name, "script-name", "https://x.example/cb"));

		String list = this.console.get("/admin/clients").body();
		String detail = this.console.get("/admin/clients/script-name").body();

		assertThat(list).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").doesNotContain(name);
		assertThat(detail).doesNotContain(name);
	}

	@Test
	void whenTheSecretIsRotatedThenTheOldOneFailsAndTheNewOneWorks() {
		Map<String, String> form = app("Batch job", "batch-console", "");
		form.put("grantTypes", "client_credentials");
		form.put("scopes", "reports.read");
		String oldSecret = text(this.console.post("/admin/clients", form).body(), "client-secret");
		assertThat(new TokenClient(this.port, "batch-console", oldSecret).clientCredentials("reports.read").status())
			.isEqualTo(200);

		HttpResponse<String> rotated = this.console.post("/admin/clients/batch-console/secret");

		String newSecret = text(rotated.body(), "client-secret");
		assertThat(newSecret).isNotEqualTo(oldSecret);
		TokenClient.Response refused = new TokenClient(this.port, "batch-console", oldSecret)
			.clientCredentials("reports.read");
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.get("error")).isEqualTo("invalid_client");
		assertThat(new TokenClient(this.port, "batch-console", newSecret).clientCredentials("reports.read").status())
			.isEqualTo(200);
	}

	@Test
	void whenAnAppIsDisabledThenEveryProtocolEndpointRefusesItUntilItIsEnabled() {
		String redirectUri = "http://127.0.0.1:9999/disabled";
		String secret = text(this.console.post("/admin/clients", app("Switch", "switch-console", redirectUri)).body(),
				"client-secret");

		this.console.post("/admin/clients/switch-console/disable");

		assertThat(this.console.get("/admin/clients/switch-console").body()).contains("id=\"client-disabled\"");
		Browser alice = new Browser(this.port);
		alice.signIn("alice", "alice-password");
		HttpResponse<String> authorize = alice
			.authorize(AuthorizationRequest.of("switch-console", redirectUri, "openid"));
		assertThat(authorize.statusCode()).isEqualTo(400);
		assertThat(Browser.location(authorize)).isEmpty();
		TokenClient.Response token = new TokenClient(this.port, "switch-console", secret)
			.post("/oauth2/token", Map.of("grant_type", "client_credentials"));
		assertThat(token.status()).isEqualTo(401);
		assertThat(token.get("error")).isEqualTo("invalid_client");

		this.console.post("/admin/clients/switch-console/enable");

		assertThat(signInWith("switch-console", secret, redirectUri).status()).isEqualTo(200);
	}

	@Test
	void whenAnAppIsDeletedThenItsRefreshTokensStopWorking() {
		String redirectUri = "http://127.0.0.1:9999/deleted";
		String secret = text(this.console.post("/admin/clients", app("Doomed", "doomed-console", redirectUri)).body(),
				"client-secret");
		String refreshToken = signInWith("doomed-console", secret, redirectUri).get("refresh_token");

		assertThat(this.console.get("/admin/clients/doomed-console/delete").body()).contains("id=\"confirm-delete\"");
		HttpResponse<String> deleted = this.console.post("/admin/clients/doomed-console/delete");

		assertThat(deleted.statusCode()).isEqualTo(302);
		assertThat(this.console.get("/admin/clients/doomed-console").statusCode()).isEqualTo(404);
		assertThat(new TokenClient(this.port, "doomed-console", secret).refresh(refreshToken).status())
			.isBetween(400, 401);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization a JOIN oauth2_registered_client c "
				+ "ON a.registered_client_id = c.id WHERE c.client_id = 'doomed-console'")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void whenAnAppIsEditedThenTheChangesApplyAndBadInputChangesNothing() {
		this.console.post("/admin/clients", app("Editable", "editable-console", "https://a.example/cb"));
		assertThat(this.console.get("/admin/clients/editable-console/edit").statusCode()).isEqualTo(200);

		Map<String, String> bad = app("Editable", "editable-console", "https://a.example/cb#x");
		assertThat(this.console.post("/admin/clients/editable-console", bad).statusCode()).isEqualTo(400);
		assertThat(this.console.get("/admin/clients/editable-console").body()).contains("https://a.example/cb")
			.doesNotContain("https://a.example/cb#x");

		Map<String, String> good = app("Edited", "editable-console", "https://b.example/cb");
		good.put("backchannelLogoutUri", "https://b.example/logout/connect/back-channel/portcullis");
		assertThat(this.console.post("/admin/clients/editable-console", good).statusCode()).isEqualTo(302);
		String detail = this.console.get("/admin/clients/editable-console").body();
		assertThat(text(detail, "client-name")).isEqualTo("Edited");
		assertThat(detail).contains("https://b.example/cb", "https://b.example/logout/connect/back-channel/portcullis");
	}

	@Test
	void whenTheAdminTicksRequiresASecondFactorThenTheAppsPageSaysSoAndUntickingItClearsIt() {
		Map<String, String> form = app("Payroll", "payroll-console", "https://payroll.example/cb");
		form.put("secondFactorRequired", "true");
		assertThat(this.console.post("/admin/clients", form).statusCode()).isEqualTo(200);
		assertThat(text(this.console.get("/admin/clients/payroll-console").body(), "client-second-factor"))
			.isEqualTo("required");
		assertThat(this.console.get("/admin/clients/payroll-console/edit").body())
			.as("the edit form starts from the app as it is")
			.containsPattern("<input[^>]*id=\"secondFactorRequired\"[^>]*checked");

		Map<String, String> unticked = app("Payroll", "payroll-console", "https://payroll.example/cb");
		unticked.put("_secondFactorRequired", "on"); // what the form sends for an unticked box
		assertThat(this.console.post("/admin/clients/payroll-console", unticked).statusCode()).isEqualTo(302);

		assertThat(text(this.console.get("/admin/clients/payroll-console").body(), "client-second-factor"))
			.isEqualTo("not required");
		assertThat(this.jdbc.sql("SELECT details FROM audit_events WHERE target = ? ORDER BY id")
			.param("payroll-console")
			.query(String.class)
			.list()).hasSize(2)
			.satisfiesExactly((registered) -> assertThat(registered).contains("second factor=required"),
					(updated) -> assertThat(updated).contains("second factor=not required"));
	}

	@Test
	void whenAPersonWithoutTheAdminRoleOpensTheConsoleThenItIsForbidden() {
		AdminConsole alice = new AdminConsole(this.port, "alice", "alice-password");

		HttpResponse<String> page = alice.browser().get("/admin/clients");

		assertThat(page.statusCode()).isEqualTo(403);
		assertThat(page.body()).contains("Not allowed").doesNotContain("Exception");
		String csrf = Browser.csrfToken(alice.browser().get("/account").body());
		int before = RowCounts.registeredClients(this.jdbc);
		Map<String, String> form = app("Sneaky", "sneaky", "https://x.example/cb");
		form.put("_csrf", csrf);
		assertThat(alice.browser().post("/admin/clients", form).statusCode()).isEqualTo(403);
		assertThat(RowCounts.registeredClients(this.jdbc)).isEqualTo(before);
	}

	@Test
	void whenAVisitorIsNotSignedInThenTheConsoleSendsThemToSignIn() {
		HttpResponse<String> page = new Browser(this.port).get("/admin/clients");

		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(Browser.location(page)).endsWith("/login");
	}

	@Test
	void whenTheFormIsPostedWithoutItsCsrfTokenThenItIsRefusedAndNothingIsSaved() {
		int before = RowCounts.registeredClients(this.jdbc);

		HttpResponse<String> response = this.console.browser()
			.post("/admin/clients", app("No token", "no-csrf", "https://x.example/cb"));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(RowCounts.registeredClients(this.jdbc)).isEqualTo(before);
	}

	private TokenClient.Response signInWith(String clientId, String secret, String redirectUri) {
		return new CodeFlow(this.port, clientId, secret, redirectUri).tokens(new Browser(this.port), "openid profile",
				"alice", "alice-password");
	}

	private String storedSecret(String clientId) {
		return this.jdbc.sql("SELECT client_secret FROM oauth2_registered_client WHERE client_id = ?")
			.param(clientId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

}
