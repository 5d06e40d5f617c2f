package dev.portcullis.idp.conformance;

import java.net.http.HttpResponse;
import java.time.Instant;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.support.TokenClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static dev.portcullis.idp.conformance.SignInAgain.assertAskedToSignIn;
import static dev.portcullis.idp.conformance.SignInAgain.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code max_age} and {@code auth_time} (OpenID Connect Core 1.0, sections 2 and 3.1.2.1): a sign-in older than
 * {@code max_age} seconds is not good enough, and every ID token of a code flow says when the person signed in.
 */
@IdpTest
class MaxAgeAndAuthTimeTest {

	@LocalServerPort
	int port;

	private SignInAgain flows;

	private Browser browser;

	@BeforeEach
	void setUp() {
		this.flows = new SignInAgain(this.port);
		this.browser = new Browser(this.port);
	}

	@Test
	void whenAliceSignsInThenTheIdTokenSaysWhen() {
		Instant before = Instant.now();

		Jwt idToken = this.flows.idToken(this.browser, request());

		// whole seconds in the token
		assertThat(idToken.getClaimAsInstant("auth_time")).isBetween(before.minusSeconds(1), Instant.now());
	}

	@Test
	void whenTheLastSignInIsOlderThanMaxAgeThenThePersonSignsInAgainAndAuthTimeIsTheNewOne() throws Exception {
		Jwt first = this.flows.idToken(this.browser, request());
		Thread.sleep(2_100);
		AuthorizationRequest strict = request().with("max_age", "1");

		assertAskedToSignIn(this.browser, this.browser.authorize(strict));
		Jwt second = this.flows.idToken(this.browser, strict);

		assertThat(second.getClaimAsInstant("auth_time")).isAfter(first.getClaimAsInstant("auth_time"));
	}

	@Test
	void whenTheLastSignInIsRecentEnoughThenNoPageIsShownAndAuthTimeStays() {
		Jwt first = this.flows.idToken(this.browser, request());

		Jwt second = this.flows.idToken(this.browser, request().with("max_age", "3600"));

		assertThat(second.getClaimAsInstant("auth_time")).isEqualTo(first.getClaimAsInstant("auth_time"));
	}

	@Test
	void whenMaxAgeIsZeroThenThePersonAlwaysSignsInAgain() {
		this.flows.idToken(this.browser, request());

		assertAskedToSignIn(this.browser, this.browser.authorize(request().with("max_age", "0")));
	}

	@Test
	void whenTheSignInIsTooOldAndPromptIsNoneThenTheAppGetsLoginRequired() throws Exception {
		this.flows.idToken(this.browser, request());
		Thread.sleep(1_100);
		AuthorizationRequest silent = request().with("max_age", "1").with("prompt", "none");

		PromptNoneTest.assertLoginRequired(this.browser.authorize(silent), silent);
	}

	@Test
	void whenMaxAgeIsNotANumberThenTheAppGetsInvalidRequest() {
		this.flows.idToken(this.browser, request());
		AuthorizationRequest request = request().with("max_age", "soon");

		HttpResponse<String> response = this.browser.authorize(request);

		assertThat(Browser.location(response)).startsWith(request.redirectUri());
		assertThat(Browser.redirectQuery(response)).containsEntry("error", "invalid_request")
			.containsEntry("state", request.state())
			.doesNotContainKey("code");
	}

	@Test
	void whenTheTokensAreRefreshedThenTheIdTokenKeepsTheSignInTime() {
		AuthorizationRequest request = request();
		String code = this.browser.authorizationCode(request, "alice", "alice-password");
		TokenClient client = new TokenClient(this.port, "test-client", "test-secret");
		TokenClient.Response tokens = client.exchangeCode(request, code);
		JwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(this.browser.baseUrl() + "/oauth2/jwks").build();
		Instant signedIn = decoder.decode(tokens.get("id_token")).getClaimAsInstant("auth_time");

		TokenClient.Response refreshed = client.refresh(tokens.get("refresh_token"));

		assertThat(decoder.decode(refreshed.get("id_token")).getClaimAsInstant("auth_time")).isEqualTo(signedIn);
	}

}
