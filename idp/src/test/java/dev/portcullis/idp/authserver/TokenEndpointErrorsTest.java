package dev.portcullis.idp.authserver;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.support.TokenClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 6749 section 5.2 and RFC 7636 section 4.6: a code is good once, for its client, with its verifier. */
@IdpTest
class TokenEndpointErrorsTest {

	private static final String REDIRECT_URI = "http://127.0.0.1:9999/callback";

	@LocalServerPort
	int port;

	private Browser browser;

	private TokenClient client;

	@BeforeEach
	void setUp() {
		this.browser = new Browser(this.port);
		this.client = new TokenClient(this.port, "test-client", "test-secret");
	}

	/**
	 * RFC 6749 (3.2): parameters must not repeat. With client_secret_basic, Spring reads {@code code} as one String
	 * while authenticating the client, so a repeated code was a ClassCastException and a 500.
	 */
	@Test
	void whenAParameterIsRepeatedThenInvalidRequest() throws IOException, InterruptedException {
		String body = "grant_type=authorization_code&code=not-a-code&code=another-code&redirect_uri="
				+ URLEncoder.encode(REDIRECT_URI, StandardCharsets.UTF_8) + "&code_verifier=" + "v".repeat(43);
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/oauth2/token"))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("test-client:test-secret".getBytes()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();

		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"error\":\"invalid_request\"").contains("code");
	}

	@Test
	void whenCodeIsWrongThenInvalidGrant() {
		AuthorizationRequest request = AuthorizationRequest.of("test-client", REDIRECT_URI, "openid");

		TokenClient.Response response = this.client.exchangeCode(request, "not-a-code");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.get("error")).isEqualTo("invalid_grant");
	}

	@Test
	void whenPkceVerifierIsWrongThenInvalidGrant() {
		AuthorizationRequest request = AuthorizationRequest.of("test-client", REDIRECT_URI, "openid");
		String code = this.browser.authorizationCode(request, "alice", "alice-password");

		TokenClient.Response response = this.client.exchangeCode(request, code, "wrong-verifier-" + "x".repeat(40));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.get("error")).isEqualTo("invalid_grant");
	}

	@Test
	void whenCodeIsUsedTwiceThenTheSecondUseFails() {
		AuthorizationRequest request = AuthorizationRequest.of("test-client", REDIRECT_URI, "openid");
		String code = this.browser.authorizationCode(request, "alice", "alice-password");
		assertThat(this.client.exchangeCode(request, code).status()).isEqualTo(200);

		TokenClient.Response replay = this.client.exchangeCode(request, code);

		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.get("error")).isEqualTo("invalid_grant");
	}

	@Test
	void whenAnotherClientPresentsTheCodeThenInvalidGrantAndTheCodeIsSpent() {
		AuthorizationRequest request = AuthorizationRequest.of("test-client", REDIRECT_URI, "openid");
		String code = this.browser.authorizationCode(request, "alice", "alice-password");

		// logout-client may use the code grant too, and knows the verifier: only the client differs.
		TokenClient.Response response = new TokenClient(this.port, "logout-client", "logout-secret")
			.exchangeCode(request, code);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.get("error")).isEqualTo("invalid_grant");
		TokenClient.Response rightful = this.client.exchangeCode(request, code);
		assertThat(rightful.status()).as("a code shown to another client is spent").isEqualTo(400);
		assertThat(rightful.get("error")).isEqualTo("invalid_grant");
	}

	@Test
	void whenClientSecretIsWrongThenInvalidClient() {
		TokenClient.Response response = new TokenClient(this.port, "test-client", "wrong")
			.clientCredentials("reports.read");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.get("error")).isEqualTo("invalid_client");
	}

}
