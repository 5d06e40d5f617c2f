package dev.portcullis.idp.authserver;

import java.net.http.HttpResponse;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.IdpTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6749 section 4.1.2.1: when the client or its redirect URI cannot be trusted, the error is shown to the
 * person at the IdP and the browser is never sent to the unverified URI (no open redirect).
 */
@IdpTest
class AuthorizationRequestErrorsTest {

	@LocalServerPort
	int port;

	private Browser browser;

	@BeforeEach
	void signIn() {
		this.browser = new Browser(this.port);
		this.browser.signIn("alice", "alice-password");
	}

	@Test
	void whenClientIdIsUnknownThenTheIdpShowsAnErrorPageAndDoesNotRedirect() {
		HttpResponse<String> response = this.browser
			.authorize(AuthorizationRequest.of("no-such-client", "https://attacker.example/steal", "openid"));

		assertErrorPage(response);
	}

	@Test
	void whenRedirectUriIsNotRegisteredThenTheIdpShowsAnErrorPageAndDoesNotRedirect() {
		HttpResponse<String> response = this.browser
			.authorize(AuthorizationRequest.of("test-client", "https://attacker.example/steal", "openid"));

		assertErrorPage(response);
	}

	@Test
	void whenRedirectUriOnlyStartsWithTheRegisteredOneThenItIsRefused() {
		HttpResponse<String> response = this.browser.authorize(
				AuthorizationRequest.of("test-client", "http://127.0.0.1:9999/callback/../../evil", "openid"));

		assertErrorPage(response);
	}

	@Test
	void whenSignedOutVisitorUsesAnUnknownClientThenItIsNotSentToTheRedirectUriEither() {
		HttpResponse<String> response = new Browser(this.port)
			.authorize(AuthorizationRequest.of("no-such-client", "https://attacker.example/steal", "openid"));

		assertThat(Browser.location(response)).doesNotContain("attacker.example");
	}

	private static void assertErrorPage(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(Browser.location(response)).isEmpty();
		assertThat(response.body()).contains("That request was not valid")
			.doesNotContain("attacker.example/steal?")
			.doesNotContain("at org.springframework")
			.doesNotContain("Exception");
	}

}
