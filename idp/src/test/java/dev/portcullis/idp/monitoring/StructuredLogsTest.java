package dev.portcullis.idp.monitoring;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

import dev.portcullis.idp.admin.AdminConsole;
import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.TokenClient;
import dev.portcullis.idp.users.UserAccount;
import dev.portcullis.idp.users.UserAccountRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code logging.structured.format.console=ecs} the IdP logs JSON: audit events are lines of their own with
 * their fields and the request's correlation id (the {@code X-Request-Id} it answered with), and no password, client
 * secret, token or code is written anywhere in the log, whatever happened.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "logging.structured.format.console=ecs", "logging.level.portcullis.audit=INFO" })
@ActiveProfiles({ "demo", "test" })
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	UserAccountRepository accounts;

	@Test
	void whenSomeoneFailsToSignInThenTheAuditLineHasTheFieldsAndTheRequestsCorrelationId(CapturedOutput output) {
		String username = person();

		HttpResponse<String> failed = new Browser(this.port).signIn(username, "wrong-password-" + username);

		String correlationId = failed.headers().firstValue("X-Request-Id").orElseThrow();
		JsonNode line = auditLines(output).stream()
			.filter((json) -> correlationId.equals(json.path("correlationId").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no audit line with correlation id " + correlationId + ":\n"
					+ output));
		assertThat(line.path("event").path("action").asString()).isEqualTo("sign-in");
		assertThat(line.path("event").path("outcome").asString()).isEqualTo("failure");
		assertThat(line.path("audit").path("actor").asString()).isEqualTo("anonymous");
		assertThat(line.path("audit").path("details").asString()).isEqualTo("wrong username or password");
		assertThat(line.path("source").path("ip").asString()).isEqualTo("127.0.0.1");
		assertThat(line.path("log").path("level").asString()).isEqualTo("INFO");
	}

	@Test
	void whenARequestBringsItsOwnIdThenAPlainOneIsKeptAndAnythingElseReplaced() {
		Browser browser = new Browser(this.port);
		assertThat(Scrape.get(this.port, "/login").headers().firstValue("X-Request-Id")).isPresent();
		assertThat(requestId("proxy-4f2a9c1e")).isEqualTo("proxy-4f2a9c1e");
		String uuid = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
		String replaced = requestId("}{\"forged\":true}");
		assertThat(replaced).matches(uuid);
		assertThat(requestId("}{\"forged\":true}")).matches(uuid).isNotEqualTo(replaced);
		assertThat(browser.get("/login").statusCode()).isEqualTo(200);
	}

	@Test
	void whenPeopleSignInGetTokensAndAdminsIssueSecretsThenNoneOfThemIsInTheLog(CapturedOutput output) {
		String username = person();
		Browser browser = new Browser(this.port);
		browser.signIn(username, "not-the-password-" + username);
		AuthorizationRequest request = AuthorizationRequest.of("test-client", "http://127.0.0.1:9999/callback",
				"openid profile");
		String code = browser.authorizationCode(request, username, "a-long-password-" + username);
		TokenClient app = new TokenClient(this.port, "test-client", "test-secret");
		TokenClient.Response tokens = app.exchangeCode(request, code);
		TokenClient.Response refreshed = app.refresh(tokens.get("refresh_token"));
		app.refresh(tokens.get("refresh_token")); // reused: the grant is revoked and audited
		String clientToken = app.clientCredentials("reports.read").get("access_token");
		app.introspect(clientToken);
		AdminConsole console = AdminConsole.admin(this.port);
		String secret = AdminConsole.text(console.post("/admin/clients",
				AdminConsole.app("Logged", "logged-" + System.nanoTime(), "https://logged.example/cb"))
			.body(), "client-secret");
		browser.get("/connect/logout?id_token_hint=" + tokens.get("id_token"));

		String log = output.getAll();
		assertThat(auditLines(output)).extracting((json) -> json.path("event").path("action").asString())
			.contains("sign-in", "refresh-token.reused", "client.registered");
		assertThat(log).doesNotContain("a-long-password-" + username, "not-the-password-" + username,
				"admin-password", "test-secret", secret, code, tokens.get("access_token"),
				tokens.get("refresh_token"), tokens.get("id_token"), refreshed.get("access_token"),
				refreshed.get("refresh_token"), clientToken);
	}

	private String requestId(String sent) {
		try {
			return java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + this.port + "/login"))
					.header("X-Request-Id", sent)
					.build(), HttpResponse.BodyHandlers.discarding())
				.headers()
				.firstValue("X-Request-Id")
				.orElseThrow();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String person() {
		String username = "logged-" + System.nanoTime();
		this.accounts.create(username, null, "Logged Person",
				"{bcrypt}" + new BCryptPasswordEncoder(4).encode("a-long-password-" + username),
				Set.of(UserAccount.ROLE_USER));
		return username;
	}

	/** The JSON lines of logger portcullis.audit. */
	private static List<JsonNode> auditLines(CapturedOutput output) {
		return output.getAll()
			.lines()
			.filter((line) -> line.startsWith("{") && line.contains("portcullis.audit"))
			.map(JSON::readTree)
			.filter((json) -> "portcullis.audit".equals(json.path("log").path("logger").asString()))
			.toList();
	}

}
