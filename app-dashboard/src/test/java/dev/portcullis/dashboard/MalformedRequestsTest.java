package dev.portcullis.dashboard;

import dev.portcullis.testsupport.Browser;
import dev.portcullis.testsupport.MalformedRequests;
import dev.portcullis.testsupport.StarterAppEndpoints;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated malformed requests to every endpoint of the app, with a signed-in session where the endpoint needs one
 * and a valid access token for the API: never a 5xx, never a stack trace or exception text, and the session still
 * signed in afterwards.
 */
class MalformedRequestsTest extends FakeIdpTestBase {

	@Test
	void whenMalformedRequestsArriveThenNoServerErrorNoStackTraceAndTheSessionLives() {
		Browser browser = new Browser(baseUrl());
		assertThat(browser.open("/").statusCode()).isEqualTo(200);
		String cookie = "DASHBOARD_SESSION=" + browser.cookie("DASHBOARD_SESSION");
		String apiToken = idp.sign(idp.accessTokenClaims("portal", "dashboard.api").build());

		MalformedRequests.Run run = new MalformedRequests(MalformedRequests.SEED, this.port).run("Dashboard",
				StarterAppEndpoints.REPORTED_PATHS, StarterAppEndpoints.of(idp, cookie, apiToken, "/css/dashboard.css"), 2_100);

		assertThat(run.total()).isGreaterThanOrEqualTo(2_000);
		assertThat(run.failures()).as("answers with a 5xx, a leak or none in time").isEmpty();
		assertThat(browser.get("/").statusCode()).as("the session is still signed in").isEqualTo(200);
	}

}
