package dev.portcullis.idp.conformance;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.support.TokenClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code prompt=none} (OpenID Connect Core 1.0, sections 3.1.2.1 and 3.1.2.6): an app asks silently whether the
 * person is signed in. Never a page: a code when they are, {@code login_required} at the app's redirect URI, with
 * its {@code state}, when they are not.
 */
@IdpTest
class PromptNoneTest {

	static final String REDIRECT_URI = "http://127.0.0.1:9999/callback";

	@LocalServerPort
	int port;

	@Test
	void whenNobodyIsSignedInThenTheAppGetsLoginRequiredWithItsState() {
		AuthorizationRequest request = AuthorizationRequest.of("test-client", REDIRECT_URI, "openid")
			.with("prompt", "none");

		HttpResponse<String> response = new Browser(this.port).authorize(request);

		assertLoginRequired(response, request);
	}

	@Test
	void whenThePersonIsSignedInThenTheAppGetsACodeWithoutAnyPage() {
		Browser browser = new Browser(this.port);
		browser.signIn("alice", "alice-password");
		AuthorizationRequest request = AuthorizationRequest.of("test-client", REDIRECT_URI, "openid")
			.with("prompt", "none");

		HttpResponse<String> response = browser.authorize(request);

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(Browser.redirectQuery(response)).containsKey("code").containsEntry("state", request.state());
	}

	@Test
	void whenThePersonSignedOutThroughAnAppThenTheAppGetsLoginRequired() {
		Browser browser = new Browser(this.port);
		AuthorizationRequest first = AuthorizationRequest.of("test-client", REDIRECT_URI, "openid");
		String code = browser.authorizationCode(first, "alice", "alice-password");
		String idToken = new TokenClient(this.port, "test-client", "test-secret").exchangeCode(first, code)
			.get("id_token");
		HttpResponse<String> loggedOut = browser.post("/connect/logout", Map.of("id_token_hint", idToken,
				"post_logout_redirect_uri", "http://127.0.0.1:9999/signed-out"));
		assertThat(Browser.location(loggedOut)).startsWith("http://127.0.0.1:9999/signed-out");
		AuthorizationRequest silent = AuthorizationRequest.of("test-client", REDIRECT_URI, "openid")
			.with("prompt", "none");

		assertLoginRequired(browser.authorize(silent), silent);
	}

	@Test
	void whenPromptNoneComesWithAnotherPromptThenTheRequestIsInvalid() {
		Browser browser = new Browser(this.port);
		browser.signIn("alice", "alice-password");
		AuthorizationRequest request = AuthorizationRequest.of("test-client", REDIRECT_URI, "openid")
			.with("prompt", "none login");

		HttpResponse<String> response = browser.authorize(request);

		assertThat(Browser.location(response)).startsWith(REDIRECT_URI);
		assertThat(Browser.redirectQuery(response)).containsEntry("error", "invalid_request")
			.doesNotContainKey("code");
	}

	static void assertLoginRequired(HttpResponse<String> response, AuthorizationRequest request) {
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(Browser.location(response)).startsWith(request.redirectUri() + "?");
		assertThat(Browser.redirectQuery(response)).containsEntry("error", "login_required")
			.containsEntry("state", request.state())
			.doesNotContainKey("code");
	}

}
