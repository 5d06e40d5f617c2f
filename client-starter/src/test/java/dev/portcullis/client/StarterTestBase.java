package dev.portcullis.client;

import dev.portcullis.client.testapp.TestApp;
import dev.portcullis.testsupport.Browser;
import dev.portcullis.testsupport.FakeIdp;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link TestApp} on a random port, signing in against a {@link FakeIdp}, configured with nothing but the
 * starter's required keys. Every subclass shares this configuration, so they share one application context.
 */
@SpringBootTest(classes = TestApp.class, webEnvironment = WebEnvironment.RANDOM_PORT)
abstract class StarterTestBase {

	static final String CLIENT_ID = "starter-app";

	static final FakeIdp idp = FakeIdp.shared(CLIENT_ID, "starter-app-secret");

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void pointAtFakeIdp(DynamicPropertyRegistry registry) {
		registry.add("portcullis.client.issuer", () -> idp.issuer);
		registry.add("portcullis.client.client-id", () -> CLIENT_ID);
		registry.add("portcullis.client.client-secret", () -> idp.clientSecret);
		registry.add("test.other-app-api", () -> idp.issuer + FakeIdp.OTHER_APP_API_PATH);
	}

	String baseUrl() {
		return "http://localhost:" + this.port;
	}

	/** A browser that went through sign-in; the IdP's {@code sid} for it is then {@code idp.lastSid()}. */
	Browser signedIn() {
		Browser browser = new Browser(baseUrl());
		HttpResponse<String> home = browser.open("/");
		assertThat(home.uri().getPath()).isEqualTo("/");
		assertSignedIn(browser);
		return browser;
	}

	/** Not following redirects: a silent sign-in again at the fake IdP must not pass for a live session. */
	static void assertSignedIn(Browser browser) {
		HttpResponse<String> home = browser.get("/");
		assertThat(home.statusCode()).as("still signed in").isEqualTo(200);
		assertThat(home.body()).contains("id=\"user-name\">Alice Adams<");
	}

	static void assertSignedOut(Browser browser) {
		HttpResponse<String> home = browser.get("/");
		assertThat(home.statusCode()).as("sent to sign in").isEqualTo(302);
		assertThat(home.headers().firstValue(HttpHeaders.LOCATION))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/oauth2/authorization/portcullis"));
	}

}
