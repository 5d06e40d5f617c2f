package dev.portcullis.idp.clients;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.portcullis.idp.admin.AdminApiClient;
import dev.portcullis.idp.admin.AdminConsole;
import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.ConsentPage;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.support.RowCounts;
import dev.portcullis.idp.support.TokenClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dynamic client registration (OpenID Connect DCR 1.0 / RFC 7591) with admin-issued initial access tokens, and
 * reading a registration back (RFC 7592).
 */
@IdpTest
class DynamicClientRegistrationTest {

	@LocalServerPort
	int port;

	@Autowired
	InitialAccessTokens initialAccessTokens;

	@Autowired
	ClientAdmin clientAdmin;

	@Autowired
	JdbcClient jdbc;

	@Test
	void whenAnAppRegistersWithAnInitialAccessTokenThenItCompletesAuthorizationCodeWithPkce() {
		String token = newInitialAccessToken();
		String redirectUri = "http://127.0.0.1:9999/dcr-app";

		AdminApiClient.Response registered = register(token,
				request("Dynamic Reports", redirectUri, "authorization_code refresh_token", "openid profile"));

		assertThat(registered.status()).isEqualTo(201);
		String clientId = registered.get("client_id");
		String secret = registered.get("client_secret");
		assertThat(clientId).startsWith("dynamic-reports");
		assertThat(secret).matches("[A-Za-z0-9_-]{43}");
		assertThat(registered.get("client_secret_expires_at")).isEqualTo("0");
		assertThat(registered.get("registration_access_token")).isNotBlank();
		assertThat(registered.get("registration_client_uri"))
			.isEqualTo("http://localhost:9000/connect/register?client_id=" + clientId);
		assertThat(this.clientAdmin.get(clientId).consentRequired()).isTrue();

		AuthorizationRequest authorization = AuthorizationRequest.of(clientId, redirectUri, "openid profile");
		// alice signs in and allows the app: dynamically registered apps ask for consent
		Browser alice = new Browser(this.port);
		alice.signIn("alice", "alice-password");
		HttpResponse<String> allowed = ConsentPage.open(alice, authorization).allow("profile");
		assertThat(Browser.location(allowed)).startsWith(redirectUri);
		String code = Browser.redirectQuery(allowed).get("code");
		TokenClient.Response tokens = new TokenClient(this.port, clientId, secret).exchangeCode(authorization, code);
		assertThat(tokens.status()).isEqualTo(200);
		assertThat(tokens.get("id_token")).isNotBlank();

		AdminApiClient.Response read = new AdminApiClient(this.port, registered.get("registration_access_token"))
			.get("/connect/register?client_id=" + clientId);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.get("client_name")).isEqualTo("Dynamic Reports");
		assertThat(read.json()).doesNotContainKey("client_secret");
		assertThat(read.body()).doesNotContain("sha256");

		AdminApiClient.Response again = register(token, request("Second", redirectUri, null, null));
		assertThat(again.status()).isEqualTo(401);
		assertThat(again.get("error")).isEqualTo("invalid_token");
	}

	@Test
	void whenAnAppRegistersWithDefaultAcrValuesMfaThenItRequiresASecondFactorAndReadsItBack() {
		Map<String, Object> body = request("Dynamic Payroll", "http://127.0.0.1:9999/dcr-mfa", "authorization_code",
				"openid");
		body.put("default_acr_values", List.of("urn:portcullis:acr:mfa"));

		AdminApiClient.Response registered = register(newInitialAccessToken(), body);

		assertThat(registered.status()).as(registered.body()).isEqualTo(201);
		String clientId = registered.get("client_id");
		assertThat(this.clientAdmin.get(clientId).secondFactorRequired()).isTrue();
		assertThat(registered.json()).containsEntry("default_acr_values", List.of("urn:portcullis:acr:mfa"));
		AdminApiClient.Response read = new AdminApiClient(this.port, registered.get("registration_access_token"))
			.get("/connect/register?client_id=" + clientId);
		assertThat(read.json()).containsEntry("default_acr_values", List.of("urn:portcullis:acr:mfa"));

		AdminApiClient.Response plain = register(newInitialAccessToken(),
				request("Dynamic Plain", "http://127.0.0.1:9999/dcr-plain", "authorization_code", "openid"));
		assertThat(this.clientAdmin.get(plain.get("client_id")).secondFactorRequired()).isFalse();
		assertThat(plain.json()).doesNotContainKey("default_acr_values");
	}

	@Test
	void whenAPublicAppRegistersThenItGetsNoSecret() {
		Map<String, Object> body = request("Dynamic SPA", "http://localhost:5173/cb", "authorization_code", "openid");
		body.put("token_endpoint_auth_method", "none");

		AdminApiClient.Response registered = register(newInitialAccessToken(), body);

		assertThat(registered.status()).isEqualTo(201);
		assertThat(registered.json()).doesNotContainKey("client_secret");
		assertThat(registered.get("token_endpoint_auth_method")).isEqualTo("none");
	}

	@Test
	@SuppressWarnings("unchecked")
	void whenDiscoveryIsReadThenItAdvertisesTheRegistrationEndpoint() {
		AdminApiClient.Response discovery = new AdminApiClient(this.port, null)
			.get("/.well-known/openid-configuration");

		assertThat(discovery.get("registration_endpoint")).isEqualTo("http://localhost:9000/connect/register");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"javascript redirect URI | {\"client_name\":\"X\",\"redirect_uris\":[\"javascript:alert(1)\"]} | invalid_redirect_uri | redirect_uris",
			"redirect URI with fragment | {\"client_name\":\"X\",\"redirect_uris\":[\"https://x.example/cb#f\"]} | invalid_redirect_uri | fragment",
			"wildcard redirect URI | {\"client_name\":\"X\",\"redirect_uris\":[\"https://*.x.example/cb\"]} | invalid_redirect_uri | wildcard",
			"plain http redirect URI | {\"client_name\":\"X\",\"redirect_uris\":[\"http://x.example/cb\"]} | invalid_redirect_uri | https",
			"no redirect URI | {\"client_name\":\"X\"} | invalid_request | redirect_uris",
			"unknown grant type | {\"client_name\":\"X\",\"redirect_uris\":[\"https://x.example/cb\"],\"grant_types\":[\"password\"]} | invalid_client_metadata | grant_types",
			"implicit grant type | {\"client_name\":\"X\",\"redirect_uris\":[\"https://x.example/cb\"],\"grant_types\":[\"implicit\"],\"response_types\":[\"token\"]} | invalid_client_metadata | response_types",
			"no name | {\"redirect_uris\":[\"https://x.example/cb\"]} | invalid_client_metadata | client_name",
			"admin scope | {\"client_name\":\"X\",\"redirect_uris\":[\"https://x.example/cb\"],\"scope\":\"openid portcullis.admin\"} | invalid_client_metadata | portcullis.admin",
			"private_key_jwt | {\"client_name\":\"X\",\"redirect_uris\":[\"https://x.example/cb\"],\"token_endpoint_auth_method\":\"private_key_jwt\",\"jwks_uri\":\"https://x.example/jwks\"} | invalid_client_metadata | token_endpoint_auth_method",
			"malformed JSON | {\"client_name\": \"X\", \"redirect_uris\": [ | invalid_request | ",
			"unknown acr in default_acr_values | {\"client_name\":\"X\",\"redirect_uris\":[\"https://x.example/cb\"],\"default_acr_values\":[\"urn:other:gold\"]} | invalid_client_metadata | default_acr_values",
			"not an object | [1, 2, 3] | invalid_request | " })
	void whenTheRequestIsBadThenTheAnswerIs400WithAClearErrorAndNothingIsCreated(String name, String json,
			String error, String mentioned) {
		String token = newInitialAccessToken();
		int before = RowCounts.registeredClients(this.jdbc);

		AdminApiClient.Response response = new AdminApiClient(this.port, token).postRaw("/connect/register", json);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.get("error")).isEqualTo(error);
		if (mentioned != null) {
			assertThat(response.get("error_description")).contains(mentioned);
		}
		assertThat(response.body()).doesNotContain("at org.").doesNotContain("at dev.");
		assertThat(RowCounts.registeredClients(this.jdbc)).isEqualTo(before);
		assertThat(this.initialAccessTokens.findActive(token)).isPresent(); // not used up by a refused request
	}

	@Test
	void whenTheInitialAccessTokenIsMissingRevokedExpiredOrForeignThenTheAnswerIs401AndNothingIsCreated() {
		int before = RowCounts.registeredClients(this.jdbc);
		Map<String, Object> body = request("Refused", "https://refused.example/cb", null, null);

		assertThat(register(null, body).status()).isEqualTo(401);
		assertThat(register("not-a-token", body).status()).isEqualTo(401);

		InitialAccessTokens.Issued revoked = this.initialAccessTokens.issue("revoked", Duration.ofHours(1), "test");
		this.initialAccessTokens.revoke(revoked.record().id(), "test");
		assertThat(register(revoked.token(), body).get("error")).isEqualTo("invalid_token");

		InitialAccessTokens.Issued expired = this.initialAccessTokens.issue("expired", Duration.ofHours(1), "test");
		this.jdbc.sql("UPDATE initial_access_tokens SET expires_at = TIMESTAMP '2000-01-01 00:00:00' WHERE id = ?")
			.param(expired.record().id())
			.update();
		assertThat(register(expired.token(), body).status()).isEqualTo(401);

		String accessToken = new TokenClient(this.port, "test-client", "test-secret").clientCredentials("reports.read")
			.get("access_token");
		assertThat(register(accessToken, body).status()).isIn(401, 403);
		assertThat(RowCounts.registeredClients(this.jdbc)).isEqualTo(before);
	}

	@Test
	void whenAnAdminIssuesAnInitialAccessTokenInTheConsoleThenItIsShownOnceAndCanBeRevoked() {
		AdminConsole console = AdminConsole.admin(this.port);
		console.get("/admin/registration-tokens");

		HttpResponse<String> issued = console.post("/admin/registration-tokens",
				Map.of("description", "Reports CI", "lifetime", "PT1H"));

		assertThat(issued.statusCode()).isEqualTo(200);
		String token = AdminConsole.text(issued.body(), "initial-access-token");
		assertThat(AdminConsole.text(issued.body(), "curl-example")).contains("/connect/register", "$TOKEN");
		String list = console.get("/admin/registration-tokens").body();
		assertThat(list).contains("Reports CI", "active").doesNotContain(token);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM initial_access_tokens WHERE token_hash = ?")
			.param(InitialAccessTokens.hash(token))
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE details LIKE ?")
			.param("%" + token.substring(20, 60) + "%")
			.query(Integer.class)
			.single()).isZero();

		String id = this.initialAccessTokens.findActive(token).orElseThrow().id();
		console.post("/admin/registration-tokens/" + id + "/revoke");

		assertThat(register(token, request("Too late", "https://late.example/cb", null, null)).status())
			.isEqualTo(401);
		assertThat(console.get("/admin/registration-tokens").body()).contains("revoked");
	}

	@Test
	void whenTheIssueFormIsIncompleteThenItSaysWhyAndNoTokenIsIssued() {
		AdminConsole console = AdminConsole.admin(this.port);
		console.get("/admin/registration-tokens");
		int before = this.jdbc.sql("SELECT COUNT(*) FROM initial_access_tokens").query(Integer.class).single();

		HttpResponse<String> page = console.post("/admin/registration-tokens",
				Map.of("description", " ", "lifetime", "P1D"));
		HttpResponse<String> forever = console.post("/admin/registration-tokens",
				Map.of("description", "Forever", "lifetime", "P9999D"));

		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(AdminConsole.text(page.body(), "error-description")).isNotBlank();
		assertThat(forever.statusCode()).isEqualTo(400);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM initial_access_tokens").query(Integer.class).single())
			.isEqualTo(before);
	}

	@Test
	void whenANonAdminTriesToIssueATokenThenItIsForbidden() {
		Browser bob = new Browser(this.port);
		bob.signIn("bob", "bob-password");

		HttpResponse<String> response = bob.post("/admin/registration-tokens", Map.of("description", "mine",
				"lifetime", "P1D", "_csrf", Browser.csrfToken(bob.get("/account").body())));

		assertThat(response.statusCode()).isEqualTo(403);
	}

	private String newInitialAccessToken() {
		return this.initialAccessTokens.issue("test", Duration.ofHours(1), "test").token();
	}

	private AdminApiClient.Response register(String token, Map<String, Object> body) {
		return new AdminApiClient(this.port, token).post("/connect/register", body);
	}

	private static Map<String, Object> request(String name, String redirectUri, String grantTypes, String scope) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("client_name", name);
		body.put("redirect_uris", List.of(redirectUri));
		if (grantTypes != null) {
			body.put("grant_types", List.of(grantTypes.split(" ")));
		}
		if (scope != null) {
			body.put("scope", scope);
		}
		return body;
	}

}
