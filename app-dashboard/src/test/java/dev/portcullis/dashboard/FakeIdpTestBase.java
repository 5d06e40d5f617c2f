package dev.portcullis.dashboard;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The app on a random port, signing in against a {@link FakeIdp}. Every subclass shares this
 * configuration, so they all share one application context.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
// The demo profile brings the demo's client secret: outside it the app has none (ClientSecretRequiredTest).
@ActiveProfiles("demo")
abstract class FakeIdpTestBase {

	static final FakeIdp idp = FakeIdp.shared();

	@LocalServerPort
	int port;

	/** Does not follow redirects, so a test sees where the app sends the browser. */
	RestTestClient http;

	@DynamicPropertySource
	static void pointAtFakeIdp(DynamicPropertyRegistry registry) {
		registry.add("portcullis.issuer", () -> idp.issuer);
		registry.add("portcullis.portal-api-url", () -> idp.issuer + FakeIdp.OTHER_APP_API_PATH);
	}

	@BeforeEach
	void createClient() {
		this.http = RestTestClient.bindToServer(new JdkClientHttpRequestFactory()).baseUrl(baseUrl()).build();
	}

	String baseUrl() {
		return "http://localhost:" + this.port;
	}

}
