package dev.portcullis.dashboard;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.portcullis.testsupport.Browser;
import dev.portcullis.testsupport.MalformedRequests;
import dev.portcullis.testsupport.MalformedRequests.Answer;
import dev.portcullis.testsupport.MalformedRequests.Endpoint;
import dev.portcullis.testsupport.MalformedRequests.Request;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated malformed requests to every endpoint of the app, with a signed-in session where the endpoint needs one
 * and a valid access token for the API: never a 5xx, never a stack trace or exception text, and the session still
 * signed in afterwards.
 */
class MalformedRequestsTest extends FakeIdpTestBase {

	private static final int REQUESTS = 2_100;

	@Test
	void whenMalformedRequestsArriveThenNoServerErrorNoStackTraceAndTheSessionLives() {
		Browser browser = new Browser(baseUrl());
		assertThat(browser.open("/").statusCode()).isEqualTo(200);
		String cookie = "DASHBOARD_SESSION=" + browser.cookie("DASHBOARD_SESSION");
		List<Endpoint> endpoints = endpoints(cookie);
		MalformedRequests generator = new MalformedRequests(MalformedRequests.SEED, this.port);
		MalformedRequests.Tally tally = new MalformedRequests.Tally();
		List<String> failures = new ArrayList<>();

		List<Request> requests = new ArrayList<>();
		for (String path : List.of("/", "/welcome", "/logout", "/api/me")) {
			requests.addAll(generator.reported(path, Map.of()));
		}
		for (int i = 0; i < REQUESTS; i++) {
			requests.add(generator.next(endpoints.get(i % endpoints.size())));
		}

		for (Request request : requests) {
			Answer answer = generator.send(request);
			tally.add(request, answer);
			if (answer.status() >= 500 || answer.leak() != null || answer.text().contains("Read timed out")) {
				failures.add(request.describe() + "\n  answered: " + answer.excerpt());
			}
		}

		System.out.println(tally.table("Dashboard", MalformedRequests.SEED));
		assertThat(tally.total()).isGreaterThanOrEqualTo(2_000);
		assertThat(failures).as("answers with a 5xx, a leak or none in time").isEmpty();
		assertThat(browser.get("/").statusCode()).as("the session is still signed in").isEqualTo(200);
	}

	/**
	 * One near-valid template per endpoint. None can sign the session out: the sign-out form has no CSRF token and
	 * the logout token is signed for another app.
	 */
	private List<Endpoint> endpoints(String cookie) {
		Map<String, String> session = Map.of("Cookie", cookie);
		Map<String, String> none = Map.of();
		String apiToken = idp.sign(idp.accessTokenClaims("portal", "dashboard.api").build());
		String foreignLogoutToken = idp.sign(new JWTClaimsSet.Builder().issuer(idp.issuer)
			.audience("someone-else")
			.subject("user-1")
			.claim("sid", idp.lastSid())
			.claim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()))
			.issueTime(new Date())
			.jwtID("jti-1")
			.build());
		return List.of(Endpoint.get("home", "/", "", session), Endpoint.get("home (visitor)", "/", "", none),
				Endpoint.get("welcome", "/welcome", "error", none),
				Endpoint.get("sign-out page", "/logout", "", session),
				Endpoint.form("sign-out (no csrf)", "POST", "/logout", "", session),
				Endpoint.get("sign-in start", "/oauth2/authorization/portcullis", "", none),
				Endpoint.get("callback", "/login/oauth2/code/portcullis", "code=no-such-code&state=no-such-state",
						session),
				Endpoint.form("logout receiver", "POST", "/logout/connect/back-channel/portcullis",
						"logout_token=" + foreignLogoutToken, none),
				Endpoint.get("api", "/api/me", "", Map.of("Authorization", "Bearer " + apiToken)),
				Endpoint.get("api metadata", "/.well-known/oauth-protected-resource", "", none),
				Endpoint.get("health", "/actuator/health", "", none), Endpoint.get("error", "/error", "", none),
				Endpoint.get("stylesheet", "/css/dashboard.css", "", none));
	}

}
