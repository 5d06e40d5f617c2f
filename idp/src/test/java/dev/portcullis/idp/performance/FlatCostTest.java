package dev.portcullis.idp.performance;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.SqlCounter;
import dev.portcullis.idp.support.TokenClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hot paths cost the same however much state piles up: the SQL statements and the rows read by one single
 * sign-on hop (a second app's authorize, code exchange) with 1 and with 200 live sessions of the person, and by one
 * token request of each kind (code exchange, refresh, introspection) with 10 and with 10,000 stored grants. A
 * count, not a time. Each figure is the least of three tries, so that a once-a-minute write (an app's "last used")
 * cannot tip it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test" })
@Import(FlatCostTest.Counting.class)
class FlatCostTest {

	private static final String APP = "test-client";

	private static final String OTHER_APP = "logout-client";

	@LocalServerPort
	int port;

	@Autowired
	SqlCounter counter;

	@Autowired
	JdbcClient jdbc;

	@Test
	void whenThePersonHas200LiveSessionsThenAnSsoHopReadsWhatItReadsWithOne() {
		Browser browser = new Browser(this.port);
		new TokenClient(this.port, APP, "test-secret").exchangeCode(request(APP),
				browser.authorizationCode(request(APP), "bob", "bob-password"));
		assertThat(liveSessionsOf("bob")).isEqualTo(1);

		SqlCounter.Usage withOne = cheapest(() -> hop(browser));
		copySessionsOf("bob", 199);
		assertThat(liveSessionsOf("bob")).isEqualTo(200);
		SqlCounter.Usage withTwoHundred = cheapest(() -> hop(browser));

		assertThat(withTwoHundred.statements()).as("statements of one hop, 1 then 200 sessions:\n%s\n%s", withOne,
				withTwoHundred).isEqualTo(withOne.statements());
		assertThat(withTwoHundred.rows()).as("rows read by one hop, 1 then 200 sessions:\n%s\n%s", withOne,
				withTwoHundred).isEqualTo(withOne.rows());
	}

	@Test
	void whenTenThousandGrantsAreStoredThenTokenRequestsReadWhatTheyReadWithTen() {
		Browser browser = new Browser(this.port);
		TokenClient app = new TokenClient(this.port, APP, "test-secret");
		AuthorizationRequest first = request(APP);
		String refreshToken = app.exchangeCode(first, browser.authorizationCode(first, "alice", "alice-password"))
			.get("refresh_token");
		String[] latest = { refreshToken };
		seedGrants(10 - grantCount());

		List<SqlCounter.Usage> withTen = tokenRequests(browser, app, latest);
		seedGrants(10_000 - grantCount());
		assertThat(grantCount()).isGreaterThanOrEqualTo(10_000);
		List<SqlCounter.Usage> withTenThousand = tokenRequests(browser, app, latest);

		for (int i = 0; i < withTen.size(); i++) {
			assertThat(withTenThousand.get(i).statements()).as("statements, 10 then 10,000 grants:\n%s\n%s",
					withTen.get(i), withTenThousand.get(i)).isEqualTo(withTen.get(i).statements());
			assertThat(withTenThousand.get(i).rows()).as("rows read, 10 then 10,000 grants:\n%s\n%s",
					withTen.get(i), withTenThousand.get(i)).isEqualTo(withTen.get(i).rows());
		}
	}

	/** Code exchange, refresh and introspection, each counted on its own. */
	private List<SqlCounter.Usage> tokenRequests(Browser browser, TokenClient app, String[] latestRefreshToken) {
		SqlCounter.Usage exchange = cheapest(() -> {
			AuthorizationRequest request = request(APP);
			String code = browser.authorizationCode(request, "alice", "alice-password");
			return this.counter.count(() -> assertThat(app.exchangeCode(request, code).status()).isEqualTo(200));
		});
		SqlCounter.Usage refresh = cheapest(() -> this.counter.count(() -> {
			TokenClient.Response refreshed = app.refresh(latestRefreshToken[0]);
			assertThat(refreshed.status()).isEqualTo(200);
			latestRefreshToken[0] = refreshed.get("refresh_token");
		}));
		TokenClient.Response fresh = app.refresh(latestRefreshToken[0]);
		latestRefreshToken[0] = fresh.get("refresh_token");
		String accessToken = fresh.get("access_token");
		SqlCounter.Usage introspection = cheapest(() -> this.counter.count(() -> assertThat(
				app.introspect(accessToken).body()).contains("\"active\":true")));
		return List.of(exchange, refresh, introspection);
	}

	/** A second app's authorization request in a signed-in browser, and its code exchange. */
	private SqlCounter.Usage hop(Browser browser) {
		AuthorizationRequest request = AuthorizationRequest.of(OTHER_APP, "http://127.0.0.1:9999/logout-callback",
				"openid profile");
		TokenClient otherApp = new TokenClient(this.port, OTHER_APP, "logout-secret");
		return this.counter.count(() -> {
			String code = browser.authorizationCode(request, "bob", "never-asked");
			assertThat(otherApp.exchangeCode(request, code).status()).isEqualTo(200);
		});
	}

	private static SqlCounter.Usage cheapest(Supplier<SqlCounter.Usage> measurement) {
		return IntStream.range(0, 3)
			.mapToObj((i) -> measurement.get())
			.min(Comparator.comparingInt((SqlCounter.Usage usage) -> usage.statements().size())
				.thenComparingLong(SqlCounter.Usage::rows))
			.orElseThrow();
	}

	private static AuthorizationRequest request(String clientId) {
		return AuthorizationRequest.of(clientId, "http://127.0.0.1:9999/callback", "openid profile");
	}

	/** Sessions are kept under the account id, which is the principal's name. */
	private String accountId(String username) {
		return this.jdbc.sql("SELECT id FROM users WHERE username = ?").param(username).query(String.class).single();
	}

	private int liveSessionsOf(String username) {
		return this.jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ? AND EXPIRY_TIME > ?")
			.params(accountId(username), System.currentTimeMillis())
			.query(Integer.class)
			.single();
	}

	/** More live sessions of the person, as if they had signed in from other browsers: copies of their session. */
	private void copySessionsOf(String username, int copies) {
		String original = this.jdbc.sql("SELECT PRIMARY_ID FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ?")
			.param(accountId(username))
			.query(String.class)
			.single();
		for (int i = 0; i < copies; i++) {
			String primaryId = UUID.randomUUID().toString();
			String sessionId = UUID.randomUUID().toString();
			this.jdbc.sql("INSERT INTO SPRING_SESSION (PRIMARY_ID, SESSION_ID, CREATION_TIME, LAST_ACCESS_TIME, "
					+ "MAX_INACTIVE_INTERVAL, EXPIRY_TIME, PRINCIPAL_NAME) SELECT ?, ?, CREATION_TIME, LAST_ACCESS_TIME, "
					+ "MAX_INACTIVE_INTERVAL, EXPIRY_TIME, PRINCIPAL_NAME FROM SPRING_SESSION WHERE PRIMARY_ID = ?")
				.params(primaryId, sessionId, original)
				.update();
			this.jdbc.sql("INSERT INTO SPRING_SESSION_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES) "
					+ "SELECT ?, ATTRIBUTE_NAME, ATTRIBUTE_BYTES FROM SPRING_SESSION_ATTRIBUTES WHERE SESSION_PRIMARY_ID = ?")
				.params(primaryId, original)
				.update();
			this.jdbc.sql("INSERT INTO sso_sessions (session_id, sid, principal_name, started_at, user_agent, remote_addr) "
					+ "SELECT ?, ?, principal_name, started_at, user_agent, remote_addr FROM sso_sessions "
					+ "WHERE session_id = (SELECT SESSION_ID FROM SPRING_SESSION WHERE PRIMARY_ID = ?)")
				.params(sessionId, UUID.randomUUID().toString(), original)
				.update();
		}
	}

	private int grantCount() {
		return this.jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization").query(Integer.class).single();
	}

	/** Live grants of the same person and app, with tokens that nobody holds: what piles up in a busy IdP. */
	private void seedGrants(int count) {
		if (count <= 0) {
			return;
		}
		String principal = this.jdbc.sql("SELECT principal_name FROM oauth2_authorization WHERE principal_name IS NOT NULL "
				+ "AND authorization_grant_type = 'authorization_code' FETCH FIRST 1 ROWS ONLY")
			.query(String.class)
			.single();
		String clientId = this.jdbc.sql("SELECT id FROM oauth2_registered_client WHERE client_id = ?")
			.param(APP)
			.query(String.class)
			.single();
		this.jdbc.sql("INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, "
				+ "authorization_grant_type, authorized_scopes, access_token_hash, access_token_issued_at, "
				+ "access_token_expires_at, refresh_token_hash, refresh_token_issued_at, refresh_token_expires_at, "
				+ "expires_at) "
				+ "SELECT RANDOM_UUID(), ?, ?, 'authorization_code', 'openid,profile', "
				+ "RAWTOHEX(HASH('SHA-256', CAST(RANDOM_UUID() AS VARCHAR))), CURRENT_TIMESTAMP, "
				+ "DATEADD('MINUTE', 5, CURRENT_TIMESTAMP), RAWTOHEX(HASH('SHA-256', CAST(RANDOM_UUID() AS VARCHAR))), "
				+ "CURRENT_TIMESTAMP, DATEADD('HOUR', 1, CURRENT_TIMESTAMP), DATEADD('HOUR', 1, CURRENT_TIMESTAMP) "
				+ "FROM SYSTEM_RANGE(1, ?)")
			.params(clientId, principal, count)
			.update();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Counting {

		@Bean
		static SqlCounter sqlCounter() {
			return new SqlCounter();
		}

	}

}
