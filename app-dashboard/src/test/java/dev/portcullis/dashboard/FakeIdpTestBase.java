package dev.portcullis.dashboard;

import dev.portcullis.testsupport.FakeIdp;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard on a random port, signing in against a {@link FakeIdp} that also stands in for the portal's API.
 * Every subclass shares this configuration, so they all share one application context. Sign-in, sign-out and the
 * logout receiver themselves are the starter's and tested there.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
// The demo profile brings the demo's client secret: outside it the app has none (ClientSecretRequiredTest).
@ActiveProfiles("demo")
abstract class FakeIdpTestBase {

	static final FakeIdp idp = FakeIdp.shared("dashboard", "dashboard-demo-secret");

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void pointAtFakeIdp(DynamicPropertyRegistry registry) {
		registry.add("portcullis.issuer", () -> idp.issuer);
		registry.add("portcullis.portal-api-url", () -> idp.issuer + FakeIdp.OTHER_APP_API_PATH);
	}

	String baseUrl() {
		return "http://localhost:" + this.port;
	}

}
