package dev.portcullis.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;

import dev.portcullis.client.testapp.TestApp;
import dev.portcullis.testsupport.Browser;
import dev.portcullis.testsupport.FakeIdp;
import dev.portcullis.testsupport.LogoutTokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start order must not matter: the app starts while the IdP is down, says so politely, and signs people in as soon
 * as the IdP answers, because the discovery document is read lazily and a failure is not remembered.
 */
@SpringBootTest(classes = TestApp.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class IdpDownTest {

	private static final int IDP_PORT = closedPort();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void pointAtClosedPort(DynamicPropertyRegistry registry) {
		registry.add("portcullis.client.issuer", () -> "http://127.0.0.1:" + IDP_PORT);
		registry.add("portcullis.client.client-id", () -> "starter-app");
		registry.add("portcullis.client.client-secret", () -> "starter-app-secret");
		registry.add("test.other-app-api", () -> "http://127.0.0.1:" + IDP_PORT + FakeIdp.OTHER_APP_API_PATH);
	}

	@Test
	void whenIdpIsDownThenAppStartsServesPublicPagesAndSignInIsA503ThatWorksOnceTheIdpIsBack() {
		Browser browser = new Browser("http://localhost:" + this.port);
		assertThat(browser.get("/welcome").statusCode()).isEqualTo(200);
		assertThat(browser.get("/").statusCode()).isEqualTo(302);

		HttpResponse<String> signIn = browser.get("/oauth2/authorization/portcullis");

		assertThat(signIn.statusCode()).isEqualTo(503);
		assertThat(signIn.body()).doesNotContain("Exception").doesNotContain("at org.");

		// The failure was not remembered: once the IdP answers, the very next attempt goes through.
		try (FakeIdp idp = FakeIdp.start(IDP_PORT, "starter-app", "starter-app-secret")) {
			HttpResponse<String> again = browser.get("/oauth2/authorization/portcullis");
			assertThat(again.statusCode()).isEqualTo(302);
			assertThat(again.headers().firstValue(HttpHeaders.LOCATION))
				.hasValueSatisfying((location) -> assertThat(location).startsWith(idp.issuer + "/oauth2/authorize?"));
		}
	}

	@Test
	void whenIdpIsDownThenTheApiAndTheLogoutReceiverAnswer503NotA500() {
		try (FakeIdp signer = FakeIdp.start(0, "starter-app", "starter-app-secret")) {
			Browser caller = new Browser("http://localhost:" + this.port);
			String token = signer.sign(signer.accessTokenClaims("other-app", "starter-app.api").build());

			HttpResponse<String> api = caller.getWithBearer("/api/me", token);
			HttpResponse<String> logout = caller.post("/logout/connect/back-channel/portcullis",
					Map.of("logout_token", LogoutTokens.forSession(signer, "sid-1").sign()));

			assertThat(api.statusCode()).as(api.body()).isEqualTo(503);
			assertThat(logout.statusCode()).as(logout.body()).isEqualTo(503);
			assertThat(logout.body()).contains("temporarily_unavailable").doesNotContain("Exception");
		}
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
