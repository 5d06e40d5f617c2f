package dev.portcullis.idp.conformance;

import java.net.http.HttpResponse;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.CodeFlow;
import dev.portcullis.idp.support.TokenClient;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/** The steps the tests of sign-in freshness share: a person's ID token, and being asked to sign in again. */
final class SignInAgain {

	static final String REDIRECT_URI = "http://127.0.0.1:9999/callback";

	private final int port;

	SignInAgain(int port) {
		this.port = port;
	}

	/** The ID token of a code flow in {@code browser} (signing in as alice when asked), verified with the JWKS. */
	Jwt idToken(Browser browser, AuthorizationRequest request) {
		TokenClient.Response tokens = CodeFlow.testClient(this.port).tokens(browser, request, "alice", "alice-password");
		return NimbusJwtDecoder.withJwkSetUri(browser.baseUrl() + "/oauth2/jwks").build().decode(tokens.get("id_token"));
	}

	/** Asserts the IdP shows its sign-in page instead of answering the app. */
	static void assertAskedToSignIn(Browser browser, HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(Browser.location(response)).startsWith(browser.baseUrl() + "/login");
		HttpResponse<String> page = browser.get(Browser.location(response));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"password\"");
	}

	static AuthorizationRequest request() {
		return AuthorizationRequest.of("test-client", REDIRECT_URI, "openid");
	}

}
