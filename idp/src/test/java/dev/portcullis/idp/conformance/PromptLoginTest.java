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
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static dev.portcullis.idp.conformance.SignInAgain.assertAskedToSignIn;
import static dev.portcullis.idp.conformance.SignInAgain.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code prompt=login} (OpenID Connect Core 1.0, section 3.1.2.1): a signed-in person is asked to sign in again,
 * and the new ID token's {@code auth_time} is that new sign-in. {@code prompt=select_account} is answered the same
 * way: the sign-in page is where a person chooses the account (docs/oidc.md).
 */
@IdpTest
class PromptLoginTest {

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
	void whenSignedInAndPromptIsLoginThenTheSignInPageIsShownAndAuthTimeMovesToTheNewSignIn() throws Exception {
		Jwt first = this.flows.idToken(this.browser, request());
		Thread.sleep(1_100); // auth_time has whole seconds
		AuthorizationRequest again = request().with("prompt", "login");

		assertAskedToSignIn(this.browser, this.browser.authorize(again));
		Instant beforeSecondSignIn = Instant.now();
		Jwt second = this.flows.idToken(this.browser, again);

		Instant firstAuthTime = first.getClaimAsInstant("auth_time");
		Instant secondAuthTime = second.getClaimAsInstant("auth_time");
		assertThat(secondAuthTime).isAfter(firstAuthTime);
		assertThat(secondAuthTime).isAfterOrEqualTo(beforeSecondSignIn.minusSeconds(1));
		// the same SSO session: signing in again does not sign the person out of the other apps
		assertThat(second.getClaimAsString("sid")).isEqualTo(first.getClaimAsString("sid"));
	}

	@Test
	void whenTheNewSignInHasHappenedThenTheNextRequestWithoutPromptNeedsNone() {
		this.flows.idToken(this.browser, request());
		this.flows.idToken(this.browser, request().with("prompt", "login"));

		HttpResponse<String> response = this.browser.authorize(request());

		assertThat(Browser.redirectQuery(response)).containsKey("code");
	}

	@Test
	void whenPromptIsLoginAgainLaterThenThePersonIsAskedAgain() {
		this.flows.idToken(this.browser, request().with("prompt", "login"));

		assertAskedToSignIn(this.browser, this.browser.authorize(request().with("prompt", "login")));
	}

	@Test
	void whenSignedInAndPromptIsSelectAccountThenTheSignInPageIsShown() {
		this.flows.idToken(this.browser, request());

		assertAskedToSignIn(this.browser, this.browser.authorize(request().with("prompt", "select_account")));
	}

	@Test
	void whenAnotherPersonSignsInAtPromptLoginThenTheCodeIsTheirs() {
		Jwt alice = this.flows.idToken(this.browser, request());
		AuthorizationRequest again = request().with("prompt", "login");
		assertAskedToSignIn(this.browser, this.browser.authorize(again));

		HttpResponse<String> signedIn = this.browser.signIn("bob", "bob-password");
		String code = Browser.redirectQuery(this.browser.get(Browser.location(signedIn))).get("code");

		Jwt bob = decode(again, code);
		assertThat(bob.getSubject()).isNotEqualTo(alice.getSubject());
		assertThat(bob.getClaimAsString("sid")).isNotEqualTo(alice.getClaimAsString("sid"));
	}

	private Jwt decode(AuthorizationRequest request, String code) {
		String idToken = new TokenClient(this.port, "test-client", "test-secret").exchangeCode(request, code)
			.get("id_token");
		return NimbusJwtDecoder.withJwkSetUri(this.browser.baseUrl() + "/oauth2/jwks").build().decode(idToken);
	}

}
