package dev.portcullis.idp.hardening;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.CodeFlow;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.support.TokenClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens are not sign-ins: a bearer token is accepted only where a bearer token is the protocol (userinfo, client
 * registration), and only an access token. An ID token or an access token sent to the authorization endpoint signs
 * nobody in; an ID token at userinfo is refused.
 */
@IdpTest
class BearerTokensOnlyWhereTheProtocolSaysTest {

	private static final String REDIRECT_URI = "http://127.0.0.1:9999/callback";

	@LocalServerPort
	int port;

	private TokenClient.Response alicesTokens;

	@BeforeEach
	void aliceSignedInOnceSomewhereElse() {
		this.alicesTokens = CodeFlow.testClient(this.port)
			.tokens(new Browser(this.port), "openid profile", "alice", "alice-password");
	}

	@Test
	void whenAnIdTokenIsSentAsBearerToTheAuthorizationEndpointThenNobodyIsSignedIn() throws Exception {
		HttpResponse<String> response = authorizeWithBearer(this.alicesTokens.get("id_token"));

		assertThat(Browser.location(response)).doesNotContain("code=").endsWith("/login");
	}

	@Test
	void whenAnAccessTokenIsSentAsBearerToTheAuthorizationEndpointThenNobodyIsSignedInEither() throws Exception {
		HttpResponse<String> response = authorizeWithBearer(this.alicesTokens.get("access_token"));

		assertThat(Browser.location(response)).doesNotContain("code=").endsWith("/login");
	}

	@Test
	void whenAnIdTokenIsSentToUserinfoThenItIsRefusedAndTheAccessTokenStillWorks() throws Exception {
		assertThat(userinfo(this.alicesTokens.get("id_token")).statusCode()).isEqualTo(401);
		assertThat(userinfo(this.alicesTokens.get("access_token")).statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> authorizeWithBearer(String token) throws IOException, InterruptedException {
		String uri = AuthorizationRequest.of("test-client", REDIRECT_URI, "openid").uri("http://localhost:" + this.port);
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(uri))
				.header("Authorization", "Bearer " + token)
				.header("Accept", "text/html")
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> userinfo(String token) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/userinfo"))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofString());
	}

}
