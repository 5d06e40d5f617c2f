package dev.portcullis.idp.clients;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.portcullis.idp.admin.AdminApiClient;
import dev.portcullis.idp.admin.AdminConsole;
import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.support.RowCounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static dev.portcullis.idp.admin.AdminConsole.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registered values survive storage: redirect URIs, post-logout redirect URIs and scopes are stored comma-joined,
 * so a comma inside one is refused everywhere, the joined lists are held to their columns' sizes (the largest
 * accepted input is stored and read back intact, one character more is a 400, never a 500), and a value read back
 * from a row written by hand is checked again before it is used.
 */
@IdpTest
class RegisteredValueRulesTest {

	private static final String SMUGGLING_URI = "http://127.0.0.1:9999/smuggled?x=,javascript:alert(1)";

	@LocalServerPort
	int port;

	@Autowired
	ClientAdmin clientAdmin;

	@Autowired
	CachingRegisteredClientRepository clients;

	@Autowired
	InitialAccessTokens initialAccessTokens;

	@Autowired
	JdbcClient jdbc;

	private AdminApiClient api;

	@BeforeEach
	void automation() {
		this.api = AdminApiClient.withNewAutomationApp(this.port, this.clientAdmin);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "redirectUris", "postLogoutRedirectUris", "scopes" })
	void whenAValueHoldsACommaThenTheApiAnswers400WithAFieldErrorAndStoresNothing(String field) {
		Map<String, Object> body = app("comma-api", "http://127.0.0.1:9999/comma");
		body.put(field, List.of(field.equals("scopes") ? "openid,portcullis.admin" : SMUGGLING_URI));
		int before = RowCounts.registeredClients(this.jdbc);

		AdminApiClient.Response response = this.api.post("/admin/api/v1/clients", body);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.errors()).containsOnlyKeys(field);
		assertThat(response.errors().get(field)).contains("comma");
		assertThat(RowCounts.registeredClients(this.jdbc)).isEqualTo(before);
	}

	@Test
	void whenAValueHoldsACommaThenDynamicRegistrationAnswers400NamingTheField() {
		String token = this.initialAccessTokens.issue("commas", Duration.ofHours(1), "test").token();
		int before = RowCounts.registeredClients(this.jdbc);

		AdminApiClient.Response redirect = register(token, Map.of("client_name", "X", "redirect_uris",
				List.of(SMUGGLING_URI)));
		AdminApiClient.Response postLogout = register(token, Map.of("client_name", "X", "redirect_uris",
				List.of("https://x.example/cb"), "post_logout_redirect_uris", List.of("https://x.example/bye?a=,b")));
		AdminApiClient.Response scope = register(token, Map.of("client_name", "X", "redirect_uris",
				List.of("https://x.example/cb"), "scope", "openid profile,portcullis.admin"));

		assertThat(redirect.status()).isEqualTo(400);
		assertThat(redirect.get("error")).isEqualTo("invalid_redirect_uri");
		assertThat(redirect.get("error_description")).startsWith("redirect_uris:").contains("comma");
		assertThat(postLogout.status()).isEqualTo(400);
		assertThat(postLogout.get("error")).isEqualTo("invalid_client_metadata");
		assertThat(postLogout.get("error_description")).startsWith("post_logout_redirect_uris:").contains("comma");
		assertThat(scope.status()).isEqualTo(400);
		assertThat(scope.get("error")).isEqualTo("invalid_client_metadata");
		assertThat(scope.get("error_description")).startsWith("scope:").contains("comma");
		assertThat(RowCounts.registeredClients(this.jdbc)).isEqualTo(before);
	}

	@Test
	void whenAUriHoldsACommaThenTheConsoleShowsAFieldErrorAndACommaBetweenScopesSeparatesThem() {
		AdminConsole console = AdminConsole.admin(this.port);
		int before = RowCounts.registeredClients(this.jdbc);
		Map<String, String> form = AdminConsole.app("Commas", "comma-console", SMUGGLING_URI);
		form.put("postLogoutRedirectUris", "http://127.0.0.1:9999/bye?a=,b");

		HttpResponse<String> page = console.post("/admin/clients", form);

		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(text(page.body(), "error-redirectUris")).contains("must not contain a comma");
		assertThat(text(page.body(), "error-postLogoutRedirectUris")).contains("must not contain a comma");
		assertThat(RowCounts.registeredClients(this.jdbc)).isEqualTo(before);

		// The console's scope field takes scopes separated by spaces or commas: no scope it stores holds a comma.
		Map<String, String> scopes = AdminConsole.app("Comma scopes", "comma-scopes", "http://127.0.0.1:9999/c");
		scopes.put("scopes", "openid,profile");
		assertThat(console.post("/admin/clients", scopes).statusCode()).isEqualTo(200);
		assertThat(this.clients.findByClientId("comma-scopes").getScopes()).containsExactlyInAnyOrder("openid",
				"profile");
	}

	@Test
	void whenEveryValueIsAsLargeAsTheRulesAllowThenItIsStoredAndReadBackIntact() {
		Map<String, Object> body = largest("largest-api");

		AdminApiClient.Response created = this.api.post("/admin/api/v1/clients", body);

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		RegisteredClient stored = readFromDatabase("largest-api");
		assertThat(stored.getClientName()).isEqualTo(body.get("name"));
		assertThat(stored.getRedirectUris()).containsExactlyInAnyOrderElementsOf(list(body, "redirectUris"));
		assertThat(stored.getPostLogoutRedirectUris())
			.containsExactlyInAnyOrderElementsOf(list(body, "postLogoutRedirectUris"));
		assertThat(stored.getScopes()).containsExactlyInAnyOrderElementsOf(list(body, "scopes"));
		assertThat(PortcullisClientSettings.backchannelLogoutUri(stored)).isEqualTo(body.get("backchannelLogoutUri"));
		assertThat(this.jdbc.sql("SELECT LENGTH(redirect_uris) + LENGTH(post_logout_redirect_uris) + LENGTH(scopes) "
				+ "FROM oauth2_registered_client WHERE client_id = 'largest-api'")
			.query(Integer.class)
			.single()).isEqualTo(4000 + 4000 + 1000);

		AdminApiClient.Response updated = this.api.put("/admin/api/v1/clients/largest-api", body);
		assertThat(updated.status()).isEqualTo(200);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "redirectUris", "postLogoutRedirectUris", "scopes", "name", "backchannelLogoutUri" })
	void whenOneValueIsOneCharacterTooLargeThenTheApiAnswers400OnThatFieldForRegistrationAndChange(String field) {
		Map<String, Object> body = largest("over-" + field.toLowerCase());
		grow(body, field);
		int before = RowCounts.registeredClients(this.jdbc);

		AdminApiClient.Response created = this.api.post("/admin/api/v1/clients", body);

		assertThat(created.status()).isEqualTo(400);
		assertThat(created.errors()).containsOnlyKeys(field);
		assertThat(RowCounts.registeredClients(this.jdbc)).isEqualTo(before);

		this.api.post("/admin/api/v1/clients", largest("change-" + field.toLowerCase()));
		AdminApiClient.Response changed = this.api.put("/admin/api/v1/clients/change-" + field.toLowerCase(), body);
		assertThat(changed.status()).isEqualTo(400);
		assertThat(changed.errors()).containsOnlyKeys(field);
	}

	@Test
	void whenTheJoinedRedirectUrisOverflowTheirColumnThenTheErrorSaysSoInPlainWords() {
		Map<String, Object> body = largest("plain-words");
		grow(body, "redirectUris");

		AdminApiClient.Response response = this.api.post("/admin/api/v1/clients", body);

		assertThat(response.errors().get("redirectUris")).startsWith(
				"Together the redirect URIs may hold at most 4,000 characters, counting a comma between each two; "
						+ "these hold 4,001");
	}

	@Test
	void whenTheJoinedRedirectUrisOverflowThenTheConsoleAndDynamicRegistrationAnswer400() {
		List<String> uris = new ArrayList<>(joinedExactly("https://w.example/cb/", 4001, RedirectUriPolicy.MAX_LENGTH));
		AdminConsole console = AdminConsole.admin(this.port);
		int before = RowCounts.registeredClients(this.jdbc);

		HttpResponse<String> page = console.post("/admin/clients",
				AdminConsole.app("Too many", "too-many-console", String.join("\n", uris)));

		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(text(page.body(), "error-redirectUris")).startsWith("Together the redirect URIs may hold at most");

		String token = this.initialAccessTokens.issue("too long", Duration.ofHours(1), "test").token();
		AdminApiClient.Response registered = register(token, Map.of("client_name", "Too many", "redirect_uris", uris));
		assertThat(registered.status()).isEqualTo(400);
		assertThat(registered.get("error")).isEqualTo("invalid_redirect_uri");
		assertThat(registered.get("error_description")).contains("Together the redirect URIs");

		List<String> fits = joinedExactly("https://w.example/cb/", 4000, RedirectUriPolicy.MAX_LENGTH);
		AdminApiClient.Response justFits = register(token, Map.of("client_name", "Just fits", "redirect_uris", fits));
		assertThat(justFits.status()).isEqualTo(201);
		assertThat(this.clients.findByClientId(justFits.get("client_id")).getRedirectUris())
			.containsExactlyInAnyOrderElementsOf(fits);
		assertThat(RowCounts.registeredClients(this.jdbc)).isEqualTo(before + 1);
	}

	@Test
	void whenAStoredRowSmugglesAUriPastTheRulesThenItIsNotUsed() {
		String legit = "http://127.0.0.1:9999/smuggled?x=";
		this.clientAdmin.register(new ClientDraft("smuggler", "Smuggler", ClientType.CONFIDENTIAL,
				List.of("http://127.0.0.1:9999/smuggled"), List.of(), null, List.of("openid"), false,
				java.util.Set.of("authorization_code")), "test");
		// Written by hand, as before commas were refused: one "URI" that reads back as three, one of them with a
		// fragment (which Spring's builder would throw on).
		this.jdbc.sql("UPDATE oauth2_registered_client SET redirect_uris = ?, post_logout_redirect_uris = ? "
				+ "WHERE client_id = 'smuggler'")
			.params(SMUGGLING_URI + ",http://evil.example/cb,https://x.example/cb#f",
					"http://127.0.0.1:9999/bye?x=,javascript:alert(2)")
			.update();
		this.clients.evict(this.clients.findByClientId("smuggler"));

		RegisteredClient read = this.clients.findByClientId("smuggler");

		assertThat(read.getRedirectUris()).containsExactly(legit);
		assertThat(read.getPostLogoutRedirectUris()).containsExactly("http://127.0.0.1:9999/bye?x=");
		Browser alice = new Browser(this.port);
		alice.signIn("alice", "alice-password");
		for (String smuggled : List.of("javascript:alert(1)", "http://evil.example/cb")) {
			HttpResponse<String> refused = alice.authorize(AuthorizationRequest.of("smuggler", smuggled, "openid"));
			assertThat(refused.statusCode()).as(smuggled).isEqualTo(400);
			assertThat(Browser.location(refused)).as(smuggled).isEmpty();
		}
		HttpResponse<String> allowed = alice.authorize(AuthorizationRequest.of("smuggler", legit, "openid"));
		assertThat(Browser.location(allowed)).startsWith(legit);
		// and the lists of apps still open (they read every row)
		assertThat(this.api.get("/admin/api/v1/clients").status()).isEqualTo(200);
		assertThat(AdminConsole.admin(this.port).get("/admin/clients").statusCode()).isEqualTo(200);
	}

	/** A confidential app whose every stored value is as large as the rules allow. */
	private static Map<String, Object> largest(String clientId) {
		Map<String, Object> body = app(clientId, null);
		body.put("name", "N".repeat(RegisteredClientColumns.CLIENT_NAME));
		body.put("redirectUris", joinedExactly("https://w.example/cb/", 4000, RedirectUriPolicy.MAX_LENGTH));
		body.put("postLogoutRedirectUris", joinedExactly("https://w.example/bye/", 4000, RedirectUriPolicy.MAX_LENGTH));
		body.put("scopes", joinedExactly("scope.", 1000, 100));
		body.put("backchannelLogoutUri", sized("https://w.example/logout/", RedirectUriPolicy.MAX_LENGTH));
		return body;
	}

	/** One character more in {@code field}. */
	private static void grow(Map<String, Object> body, String field) {
		Object value = body.get(field);
		if (value instanceof String text) {
			body.put(field, text + "x");
			return;
		}
		List<String> values = new ArrayList<>(list(body, field));
		int shortest = 0;
		for (int i = 1; i < values.size(); i++) {
			shortest = (values.get(i).length() < values.get(shortest).length()) ? i : shortest;
		}
		values.set(shortest, values.get(shortest) + "x");
		body.put(field, values);
	}

	/** Distinct values starting with {@code prefix}, each at most {@code max} long, joined exactly {@code total} long. */
	private static List<String> joinedExactly(String prefix, int total, int max) {
		List<String> values = new ArrayList<>();
		int shortest = prefix.length() + 8;
		int remaining = total;
		while (remaining > 0) {
			int length = Math.min(max, remaining);
			if (length < remaining && remaining - length - 1 < shortest) {
				length = remaining - shortest - 1; // leave room for a last value after its comma
			}
			values.add(sized(prefix + values.size() + "-", length));
			remaining -= length + 1;
		}
		assertThat(RegisteredClientColumns.joinedLength(values)).isEqualTo(total);
		return values;
	}

	private static String sized(String prefix, int length) {
		return prefix + "a".repeat(length - prefix.length());
	}

	@SuppressWarnings("unchecked")
	private static List<String> list(Map<String, Object> body, String field) {
		return (List<String>) body.get(field);
	}

	private RegisteredClient readFromDatabase(String clientId) {
		this.clients.evict(this.clients.findByClientId(clientId));
		return this.clients.findByClientId(clientId);
	}

	private AdminApiClient.Response register(String token, Map<String, Object> body) {
		return new AdminApiClient(this.port, token).post("/connect/register", body);
	}

	private static Map<String, Object> app(String clientId, String redirectUri) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("clientId", clientId);
		body.put("name", "App");
		body.put("type", "confidential");
		body.put("redirectUris", (redirectUri != null) ? List.of(redirectUri) : List.of());
		body.put("scopes", List.of("openid"));
		body.put("grantTypes", List.of("authorization_code", "refresh_token"));
		return body;
	}

}
