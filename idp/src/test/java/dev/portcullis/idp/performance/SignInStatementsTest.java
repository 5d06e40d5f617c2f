package dev.portcullis.idp.performance;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

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
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a sign-in and a single sign-on hop ask of the database, request by request, where a statement more would
 * go unnoticed by every other test: the session is read once per request (a redirect does not make Spring
 * Session read it again), a new grant is one insert, and each sign-in throttle key costs one statement to
 * reserve.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test" })
@Import(SignInStatementsTest.Counting.class)
class SignInStatementsTest {

	private static final String SESSION_READ = "FROM SPRING_SESSION S";

	@LocalServerPort
	int port;

	@Autowired
	SqlCounter counter;

	@Test
	void whenAPersonSignsInThenEachRedirectReadsTheSessionOnceAndTheThrottleOneStatementPerKey() {
		// An earlier sign-in from this address: the address has its count, the IdP its device-cookie key.
		new Browser(this.port).authorizationCode(request("test-client"), "alice", "alice-password");
		Browser browser = new Browser(this.port);
		AuthorizationRequest request = request("test-client");
		HttpResponse<String> toSignIn = browser.get(request.uri(browser.baseUrl()));
		String csrf = Browser.csrfToken(browser.get(Browser.location(toSignIn)).body());
		Map<String, String> form = new LinkedHashMap<>();
		form.put("username", "alice");
		form.put("password", "alice-password");
		form.put("_csrf", csrf);

		AtomicReference<HttpResponse<String>> signedIn = new AtomicReference<>();
		SqlCounter.Usage signIn = this.counter.count(() -> signedIn.set(browser.post("/login", form)));

		assertThat(signedIn.get().statusCode()).isEqualTo(302);
		assertThat(Browser.location(signedIn.get())).as("absolute, as Tomcat writes it")
			.startsWith(browser.baseUrl() + "/oauth2/authorize?");
		assertThat(signedIn.get().headers().allValues("Set-Cookie")).as("a new session id after sign-in")
			.anyMatch((cookie) -> cookie.startsWith("IDP_SESSION="));
		assertThat(matching(signIn, SESSION_READ)).as("%s", signIn).hasSize(1);
		// The username (no row since its last right password): an increment that finds none, then the insert. The
		// address: the increment. After the right password: the username's row goes, the address's attempt is
		// given back.
		assertThat(matching(signIn, "login_throttle")).as("%s", signIn).hasSize(5);

		SqlCounter.Usage continued = this.counter.count(() -> {
			HttpResponse<String> toApp = browser.get(Browser.location(signedIn.get()));
			assertThat(Browser.location(toApp)).startsWith(request.redirectUri() + "?code=");
		});
		assertThat(matching(continued, SESSION_READ)).as("%s", continued).hasSize(1);
	}

	@Test
	void whenASignedInBrowserVisitsAnotherAppThenTheSessionIsReadOnceAndTheNewGrantIsOneInsert() {
		Browser browser = new Browser(this.port);
		AuthorizationRequest first = request("test-client");
		new TokenClient(this.port, "test-client", "test-secret").exchangeCode(first,
				browser.authorizationCode(first, "bob", "bob-password"));
		AuthorizationRequest other = AuthorizationRequest.of("logout-client",
				"http://127.0.0.1:9999/logout-callback", "openid profile");

		SqlCounter.Usage hop = this.counter.count(() -> browser.authorizationCode(other, "bob", "never-asked"));

		assertThat(matching(hop, SESSION_READ)).as("%s", hop).hasSize(1);
		assertThat(matching(hop, "oauth2_authorization ")).as("%s", hop)
			.singleElement()
			.asString()
			.startsWith("INSERT INTO oauth2_authorization");
	}

	private static List<String> matching(SqlCounter.Usage usage, String text) {
		return usage.statements().stream().filter((sql) -> sql.contains(text)).toList();
	}

	private static AuthorizationRequest request(String clientId) {
		return AuthorizationRequest.of(clientId, "http://127.0.0.1:9999/callback", "openid profile");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Counting {

		@Bean
		static SqlCounter sqlCounter() {
			return new SqlCounter();
		}

	}

}
