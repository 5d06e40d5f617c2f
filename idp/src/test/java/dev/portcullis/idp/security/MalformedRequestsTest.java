package dev.portcullis.idp.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.portcullis.idp.admin.AdminApiClient;
import dev.portcullis.idp.admin.AdminConsole;
import dev.portcullis.idp.clients.ClientAdmin;
import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.testsupport.MalformedRequests;
import dev.portcullis.testsupport.MalformedRequests.Endpoint;
import dev.portcullis.idp.support.TokenClient;
import dev.portcullis.idp.users.UserAccountRepository;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated malformed requests to every endpoint of the IdP, signed in where the endpoint needs it (a person, an
 * admin in the console, automation with an admin API token), with CSRF tokens where that gets the request to the
 * controller: never a 5xx, never a stack trace or exception text, and users, apps and grants unchanged.
 */
@IdpTest
class MalformedRequestsTest {

	private static final int REQUESTS = 2_100;

	private static final String NO_SUCH_ID = "00000000-0000-0000-0000-000000000000";

	private static final String REDIRECT_URI = "http://127.0.0.1:9999/callback";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ClientAdmin clientAdmin;

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Test
	void whenMalformedRequestsArriveThenNoServerErrorNoStackTraceAndNothingChanges() {
		List<Endpoint> endpoints = endpoints();
		Map<String, List<Map<String, Object>>> before = snapshot();
		List<String> reported = List.of("/", "/login", "/oauth2/token", "/connect/logout", "/account",
				"/admin/api/v1/clients/no-such-app");
		MalformedRequests.Run run = new MalformedRequests(MalformedRequests.SEED, this.port).run("IdP", reported,
				endpoints, REQUESTS);

		assertThat(run.total()).isGreaterThanOrEqualTo(2_000);
		assertThat(run.failures()).as("answers with a 5xx, a leak or none in time").isEmpty();
		Map<String, List<Map<String, Object>>> after = snapshot();
		// Background jobs may delete grants meanwhile (this context is shared with other tests): the purge those that
		// expired, the session sweeper those of sessions that ended (a test that signed a browser in as someone
		// else left the first session behind). Those may go; nothing else may change.
		List<Map<String, Object>> purged = new ArrayList<>(before.get("grants"));
		purged.removeAll(after.get("grants"));
		List<String> liveSessions = this.jdbc.queryForList("SELECT sid FROM sso_sessions", String.class);
		assertThat(purged).allSatisfy((grant) -> assertThat(expired(grant)
				|| (grant.get("SID") != null && !liveSessions.contains((String) grant.get("SID"))))
			.as("a grant that went: %s", grant.get("ID")).isTrue());
		before.get("grants").removeAll(purged);
		assertThat(after).as("users, apps and grants").isEqualTo(before);
	}

	private static boolean expired(Map<String, Object> grant) {
		Object at = grant.get("EXPIRES_AT");
		java.time.Instant expiresAt = (at instanceof java.time.OffsetDateTime offset) ? offset.toInstant()
				: ((java.sql.Timestamp) at).toInstant();
		return expiresAt.isBefore(java.time.Instant.now());
	}

	/** Rows of the tables that hold users, apps and grants; columns that record mere use are left out. */
	private Map<String, List<Map<String, Object>>> snapshot() {
		Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
		tables.put("users", this.jdbc.queryForList(
				"SELECT id, username, email, display_name, password_hash, enabled FROM users ORDER BY id"));
		tables.put("user_roles", this.jdbc.queryForList("SELECT * FROM user_roles ORDER BY user_id, role"));
		List<Map<String, Object>> clients = this.jdbc.queryForList("SELECT * FROM oauth2_registered_client ORDER BY id");
		clients.forEach((row) -> row.keySet().removeIf("last_used_at"::equalsIgnoreCase));
		tables.put("clients", clients);
		tables.put("grants", this.jdbc.queryForList("SELECT * FROM oauth2_authorization ORDER BY id"));
		tables.put("consents", this.jdbc.queryForList(
				"SELECT * FROM oauth2_authorization_consent ORDER BY registered_client_id, principal_name"));
		return tables;
	}

	/**
	 * One near-valid template per endpoint (see {@link MalformedRequests} on why none is complete), with the session
	 * or credentials that reach it. Sessions: a person of our own (so nobody else's sign-in is throttled or ended), an
	 * admin, a visitor who loaded the sign-in page.
	 */
	private List<Endpoint> endpoints() {
		String username = "robust-" + System.nanoTime();
		String userId = this.accounts.create(username, null, "Robust Tester", this.passwordEncoder.encode("robust-password"),
				Set.of("USER")).id();
		Browser person = new Browser(this.port);
		AuthorizationRequest authorization = AuthorizationRequest.of("test-client", REDIRECT_URI, "openid profile");
		String code = person.authorizationCode(authorization, username, "robust-password");
		String accessToken = new TokenClient(this.port, "test-client", "test-secret").exchangeCode(authorization, code)
			.get("access_token");
		Map<String, String> personSession = Map.of("Cookie", person.cookieHeader());
		String personCsrf = "_csrf=" + Browser.csrfToken(person.get("/account").body());

		AdminConsole console = AdminConsole.admin(this.port);
		String adminCsrf = "_csrf=" + Browser.csrfToken(console.get("/admin/users/new").body());
		Map<String, String> adminSession = Map.of("Cookie", console.browser().cookieHeader());

		Browser visitor = new Browser(this.port);
		String visitorCsrf = "_csrf=" + Browser.csrfToken(visitor.get("/login").body());
		Map<String, String> visitorSession = Map.of("Cookie", visitor.cookieHeader());

		Map<String, String> api = Map.of("Authorization",
				"Bearer " + AdminApiClient.withNewAutomationApp(this.port, this.clientAdmin).token(), "Accept",
				"application/json");
		Map<String, String> client = Map.of("Authorization", "Basic dGVzdC1jbGllbnQ6dGVzdC1zZWNyZXQ=");
		Map<String, String> bearer = Map.of("Authorization", "Bearer " + accessToken);
		Map<String, String> none = Map.of();
		String redirect = encode(REDIRECT_URI);
		String garbageJwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";

		List<Endpoint> endpoints = new ArrayList<>();
		// Protocol endpoints. No PKCE challenge, a made-up code, tokens that were never issued: nothing is granted.
		endpoints.add(Endpoint.get("authorize", "/oauth2/authorize", "response_type=code&client_id=test-client"
				+ "&redirect_uri=" + redirect + "&scope=openid%20profile&state=s1&nonce=n1", personSession));
		endpoints.add(Endpoint.form("token (code)", "POST", "/oauth2/token", "grant_type=authorization_code"
				+ "&code=no-such-code&redirect_uri=" + redirect + "&code_verifier=" + "v".repeat(43), client));
		endpoints.add(Endpoint.form("token (refresh)", "POST", "/oauth2/token",
				"grant_type=refresh_token&refresh_token=no-such-token&scope=openid", client));
		endpoints.add(Endpoint.form("introspect", "POST", "/oauth2/introspect",
				"token=" + accessToken + "&token_type_hint=access_token", client));
		endpoints.add(Endpoint.form("revoke", "POST", "/oauth2/revoke",
				"token=no-such-token&token_type_hint=refresh_token", client));
		endpoints.add(Endpoint.get("userinfo", "/userinfo", "", bearer));
		endpoints.add(Endpoint.get("end-session", "/connect/logout", "id_token_hint=" + garbageJwt
				+ "&post_logout_redirect_uri=" + encode("http://127.0.0.1:9999/signed-out") + "&state=s1", personSession));
		endpoints.add(Endpoint.json("registration", "POST", "/connect/register",
				"{\"client_name\":\"X\",\"redirect_uris\":[\"https://x.example/cb\"]}",
				Map.of("Authorization", "Bearer " + garbageJwt)));
		endpoints.add(Endpoint.get("registration (read)", "/connect/register", "client_id=test-client",
				Map.of("Authorization", "Bearer " + garbageJwt)));
		endpoints.add(Endpoint.get("jwks", "/oauth2/jwks", "", none));
		endpoints.add(Endpoint.get("discovery", "/.well-known/openid-configuration", "", none));
		endpoints.add(Endpoint.get("discovery (oauth)", "/.well-known/oauth-authorization-server", "", none));
		// Pages. The visitor's sign-in names nobody who exists; the person's forms lack what would make them act.
		endpoints.add(Endpoint.get("sign-in page", "/login", "error", visitorSession));
		endpoints.add(Endpoint.form("sign-in", "POST", "/login",
				"username=nobody-here&password=wrong-password&" + visitorCsrf, visitorSession));
		endpoints.add(Endpoint.get("consent", "/oauth2/consent",
				"client_id=consent-client&scope=openid%20profile&state=no-such-state", personSession));
		endpoints.add(Endpoint.get("home", "/", "", personSession));
		endpoints.add(Endpoint.get("account", "/account", "", personSession));
		endpoints.add(Endpoint.form("account password", "POST", "/account/password",
				"currentPassword=wrong-password&newPassword=new-password-1&confirmation=new-password-1&" + personCsrf,
				personSession));
		endpoints.add(Endpoint.form("account end session", "POST", "/account/sessions/no-such-sid/end", personCsrf,
				personSession));
		endpoints.add(Endpoint.form("account end all (no csrf)", "POST", "/account/sessions/end-all", "", personSession));
		endpoints.add(Endpoint.form("sign-out (no csrf)", "POST", "/logout", "", personSession));
		endpoints.add(Endpoint.get("sign-out confirmation", "/signout", "client_id=test-client", personSession));
		endpoints.add(Endpoint.get("signed-out page", "/signed-out", "client_id=test-client", none));
		endpoints.add(Endpoint.get("error", "/error", "", none));
		endpoints.add(Endpoint.get("health", "/actuator/health", "", none));
		// Admin console. Creations carry two faults each (a taken id and a missing field); actions name nobody.
		endpoints.add(Endpoint.get("console home", "/admin", "", adminSession));
		endpoints.add(Endpoint.get("console audit", "/admin/audit", "q=alice&page=2", adminSession));
		endpoints.add(Endpoint.get("console users", "/admin/users", "q=ali&page=1", adminSession));
		endpoints.add(Endpoint.get("console user", "/admin/users/" + userId, "", adminSession));
		endpoints.add(Endpoint.get("console user sessions", "/admin/users/" + userId + "/sessions", "", adminSession));
		endpoints.add(Endpoint.form("console user create", "POST", "/admin/users",
				"username=admin&email=not-an-email&displayName=&password=short&" + adminCsrf, adminSession));
		endpoints.add(Endpoint.form("console user action", "POST", "/admin/users/" + NO_SUCH_ID + "/disable",
				adminCsrf, adminSession));
		endpoints.add(Endpoint.form("console user password", "POST", "/admin/users/" + NO_SUCH_ID + "/password",
				"password=new-password-1&" + adminCsrf, adminSession));
		endpoints.add(Endpoint.form("console end sessions", "POST", "/admin/users/" + NO_SUCH_ID + "/sessions/end-all",
				adminCsrf, adminSession));
		endpoints.add(Endpoint.get("console apps", "/admin/clients", "", adminSession));
		endpoints.add(Endpoint.get("console app", "/admin/clients/test-client", "", adminSession));
		endpoints.add(Endpoint.get("console app edit", "/admin/clients/test-client/edit", "", adminSession));
		endpoints.add(Endpoint.form("console app create", "POST", "/admin/clients",
				"name=&clientId=test-client&type=confidential&grantTypes=authorization_code&redirectUris="
						+ "&scopes=openid&" + adminCsrf,
				adminSession));
		endpoints.add(Endpoint.form("console app update", "POST", "/admin/clients/no-such-app",
				"name=X&type=confidential&redirectUris=" + redirect + "&scopes=openid&" + adminCsrf, adminSession));
		endpoints.add(Endpoint.form("console app action", "POST", "/admin/clients/no-such-app/disable", adminCsrf,
				adminSession));
		endpoints.add(Endpoint.form("console app delete", "POST", "/admin/clients/no-such-app/delete", adminCsrf,
				adminSession));
		endpoints.add(Endpoint.get("console reg tokens", "/admin/registration-tokens", "", adminSession));
		endpoints.add(Endpoint.form("console reg token (no csrf)", "POST", "/admin/registration-tokens",
				"description=x&lifetime=forever", adminSession));
		// Admin API. Only collections and ids of nothing, so a changed method cannot delete a real app.
		endpoints.add(Endpoint.get("api users", "/admin/api/v1/users", "q=ali&limit=5", api));
		endpoints.add(Endpoint.get("api user", "/admin/api/v1/users/" + userId, "", api));
		endpoints.add(Endpoint.json("api user create", "POST", "/admin/api/v1/users",
				"{\"username\":\"admin\",\"email\":\"not-an-email\",\"password\":\"short\"}", api));
		endpoints.add(Endpoint.json("api user roles", "PUT", "/admin/api/v1/users/" + NO_SUCH_ID + "/roles/admin", "",
				api));
		endpoints.add(Endpoint.json("api user password", "POST", "/admin/api/v1/users/" + NO_SUCH_ID + "/password",
				"{\"password\":\"new-password-1\"}", api));
		endpoints.add(Endpoint.get("api apps", "/admin/api/v1/clients", "", api));
		endpoints.add(Endpoint.json("api app create", "POST", "/admin/api/v1/clients",
				"{\"clientId\":\"test-client\",\"type\":\"confidential\",\"redirectUris\":[]}", api));
		endpoints.add(Endpoint.json("api app update", "PUT", "/admin/api/v1/clients/no-such-app",
				"{\"name\":\"X\",\"type\":\"public\",\"redirectUris\":[\"https://x.example/cb\"]}", api));
		endpoints.add(Endpoint.json("api app delete", "DELETE", "/admin/api/v1/clients/no-such-app", "", api));
		endpoints.add(Endpoint.get("api audit", "/admin/api/v1/audit-events", "limit=5&before=yesterday", api));
		endpoints.add(Endpoint.get("api docs", "/admin/api/v1/openapi.json", "", none));
		return endpoints;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
