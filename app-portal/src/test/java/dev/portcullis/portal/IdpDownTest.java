package dev.portcullis.portal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Start order must not matter: the app starts, and recovers, while the IdP is down. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
// The demo profile brings the demo's client secret: outside it the app has none (ClientSecretRequiredTest).
@ActiveProfiles("demo")
class IdpDownTest {

	private static final int IDP_PORT = closedPort();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void pointAtClosedPort(DynamicPropertyRegistry registry) {
		registry.add("portcullis.issuer", () -> "http://127.0.0.1:" + IDP_PORT);
	}

	@Test
	void whenIdpIsDownThenAppStartsAndServesPublicPages() {
		RestTestClient http = client();

		http.get().uri("/actuator/health").exchange().expectStatus().isOk();
		http.get().uri("/welcome").exchange().expectStatus().isOk();
		http.get().uri("/").exchange().expectStatus().isFound();
	}

	@Test
	void whenIdpIsDownThenSignInShowsFriendlyPageAndWorksOnceIdpIsBack() {
		RestTestClient http = client();

		String page = http.get()
			.uri("/oauth2/authorization/portcullis")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.returnResult(String.class)
			.getResponseBody();
		assertThat(page).contains("Sign-in is unavailable right now").doesNotContain("Exception").doesNotContain("at org.");

		// The failure was not remembered: once the IdP answers, the very next attempt goes through.
		try (FakeIdp idp = FakeIdp.start(IDP_PORT)) {
			http.get()
				.uri("/oauth2/authorization/portcullis")
				.exchange()
				.expectStatus()
				.isFound()
				.expectHeader()
				.valueMatches(HttpHeaders.LOCATION, "\\Q" + idp.issuer + "/oauth2/authorize?\\E.*");
		}
	}

	private RestTestClient client() {
		return RestTestClient.bindToServer(new JdkClientHttpRequestFactory())
			.baseUrl("http://localhost:" + this.port)
			.build();
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
