package dev.portcullis.idp.authserver;

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
