package dev.portcullis.idp.hardening;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.portcullis.idp.admin.AdminApiClient;
import dev.portcullis.idp.clients.InitialAccessTokens;
import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.support.TokenClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whoever reads the database or a backup finds no token a client could use: after complete flows (a code, its
 * tokens, a refresh, an introspection, a registration), no authorization code, access, refresh or ID token and no
 * registration access token appears in any column of any table. The tokens still work, found by their hashes.
 */
@IdpTest
class NoTokenValuesAtRestTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	InitialAccessTokens initialAccessTokens;

	@Test
	void whenFlowsHaveCompletedThenNoTokenValueIsFoundAnywhereInTheDatabase() {
		List<String> issued = new ArrayList<>();
		AuthorizationRequest request = AuthorizationRequest.of("test-client", "http://127.0.0.1:9999/callback",
				"openid profile");
		String code = new Browser(this.port).authorizationCode(request, "alice", "alice-password");
		TokenClient client = new TokenClient(this.port, "test-client", "test-secret");
		TokenClient.Response tokens = client.exchangeCode(request, code);
		TokenClient.Response refreshed = client.refresh(tokens.get("refresh_token"));
		assertThat(refreshed.status()).isEqualTo(200);
		issued.add(code);
		for (TokenClient.Response response : List.of(tokens, refreshed)) {
			issued.add(response.get("access_token"));
			issued.add(response.get("refresh_token"));
			issued.add(response.get("id_token"));
		}
		AdminApiClient.Response registered = new AdminApiClient(this.port,
				this.initialAccessTokens.issue("test", Duration.ofHours(1), "test").token())
			.post("/connect/register", Map.of("client_name", "At Rest", "redirect_uris", List.of("https://r.example/cb")));
		issued.add(registered.get("registration_access_token"));
		issued.add(registered.get("client_secret"));
		assertThat(issued).doesNotContainNull();

		// they still work, found by their hashes
		assertThat(client.introspect(refreshed.get("access_token")).json()).containsEntry("active", true);
		assertThat(client.refresh(refreshed.get("refresh_token")).status()).isEqualTo(200);
		assertThat(new AdminApiClient(this.port, registered.get("registration_access_token"))
			.get("/connect/register?client_id=" + registered.get("client_id"))
			.status()).isEqualTo(200);

		String everything = dump();
		assertThat(everything).contains("sha256:"); // what the grant table holds instead
		for (String token : issued) {
			assertThat(everything).as("a token in clear in the database").doesNotContain(token);
		}
	}

	/** Every value of every column of every table, as text (binary columns as Latin-1, so bytes survive). */
	private String dump() {
		StringBuilder all = new StringBuilder();
		List<String> tables = this.jdbc.queryForList(
				"SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'", String.class);
		assertThat(tables).contains("OAUTH2_AUTHORIZATION", "SPRING_SESSION_ATTRIBUTES", "AUDIT_EVENTS");
		for (String table : tables) {
			this.jdbc.query("SELECT * FROM \"" + table + "\"", (row) -> {
				for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
					Object value = row.getObject(i);
					all.append(table).append(':')
						.append((value instanceof byte[] bytes) ? new String(bytes, StandardCharsets.ISO_8859_1)
								: String.valueOf(value))
						.append('\n');
				}
			});
		}
		return all.toString();
	}

}
