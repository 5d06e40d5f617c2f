package dev.portcullis.idp.conformance;

import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.support.CodeFlow;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import static dev.portcullis.idp.conformance.SignInAgain.assertAskedToSignIn;
import static dev.portcullis.idp.conformance.SignInAgain.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code id_token_hint} (OpenID Connect Core 1.0, section 3.1.2.1): the app names the person it expects with an ID
 * token we issued to it. Another person signed in: {@code login_required} when silent, else sign in again. A hint
 * that is not one of our ID tokens for this app: {@code invalid_request}, to the app.
 */
@IdpTest
class IdTokenHintTest {

	@LocalServerPort
	int port;

	@Autowired
	JwtEncoder ourKeys;

	@Test
	void whenTheHintNamesTheSignedInPersonThenPromptNoneGetsACode() {
		Browser browser = new Browser(this.port);
		String aliceIdToken = idToken(browser, "alice");

		HttpResponse<String> response = browser
			.authorize(request().with("prompt", "none").with("id_token_hint", aliceIdToken));

		assertThat(Browser.redirectQuery(response)).containsKey("code");
	}

	@Test
	void whenTheHintNamesSomeoneElseThenPromptNoneGetsLoginRequired() {
		String bobIdToken = idToken(new Browser(this.port), "bob");
		Browser alices = new Browser(this.port);
		idToken(alices, "alice");
		AuthorizationRequest silent = request().with("prompt", "none").with("id_token_hint", bobIdToken);

		PromptNoneTest.assertLoginRequired(alices.authorize(silent), silent);
	}

	@Test
	void whenTheHintNamesSomeoneElseWithoutPromptNoneThenThePersonIsAskedToSignIn() {
		String bobIdToken = idToken(new Browser(this.port), "bob");
		Browser alices = new Browser(this.port);
		idToken(alices, "alice");

		assertAskedToSignIn(alices, alices.authorize(request().with("id_token_hint", bobIdToken)));
	}

	@Test
	void whenTheHintIsMalformedThenTheAppGetsInvalidRequest() {
		Browser browser = new Browser(this.port);
		idToken(browser, "alice");

		assertInvalidRequest(browser, request().with("id_token_hint", "not.a.jwt"));
		assertInvalidRequest(browser, request().with("id_token_hint", "%%%"));
	}

	@Test
	void whenTheHintIsSignedByAnotherKeyThenTheAppGetsInvalidRequest() throws Exception {
		Browser browser = new Browser(this.port);
		String alices = idToken(browser, "alice");
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), SignedJWT.parse(alices).getJWTClaimsSet());
		forged.sign(new RSASSASigner((RSAPrivateKey) generator.generateKeyPair().getPrivate()));

		assertInvalidRequest(browser, request().with("id_token_hint", forged.serialize()));
	}

	@Test
	void whenTheHintWasIssuedToAnotherAppThenTheAppGetsInvalidRequest() {
		Browser browser = new Browser(this.port);
		String otherAppsIdToken = CodeFlow.logoutClient(this.port)
			.tokens(browser, "openid", "alice", "alice-password")
			.get("id_token");

		assertInvalidRequest(browser, request().with("id_token_hint", otherAppsIdToken));
	}

	@Test
	void whenTheHintIsAnAccessTokenThenTheAppGetsInvalidRequest() {
		Browser browser = new Browser(this.port);
		String accessToken = CodeFlow.testClient(this.port)
			.tokens(browser, request(), "alice", "alice-password")
			.get("access_token");

		assertInvalidRequest(browser, request().with("id_token_hint", accessToken));
	}

	@Test
	void whenTheHintHasExpiredThenItIsStillAHint() throws Exception {
		Browser browser = new Browser(this.port);
		String alice = SignedJWT.parse(idToken(browser, "alice")).getJWTClaimsSet().getSubject();
		// ours, for this app, but expired an hour ago (section 3.1.2.1: an expired ID token is still a hint)
		Instant issued = Instant.now().minusSeconds(7200);
		String expired = this.ourKeys.encode(JwtEncoderParameters.from(JwtClaimsSet.builder()
			.issuer("http://localhost:9000")
			.subject(alice)
			.audience(List.of("test-client"))
			.issuedAt(issued)
			.expiresAt(issued.plusSeconds(3600))
			.build())).getTokenValue();

		HttpResponse<String> response = browser
			.authorize(request().with("prompt", "none").with("id_token_hint", expired));

		assertThat(Browser.redirectQuery(response)).containsKey("code");
	}

	private String idToken(Browser browser, String username) {
		return CodeFlow.testClient(this.port).tokens(browser, request(), username, username + "-password")
			.get("id_token");
	}

	private static void assertInvalidRequest(Browser browser, AuthorizationRequest request) {
		HttpResponse<String> response = browser.authorize(request);
		assertThat(Browser.location(response)).startsWith(request.redirectUri() + "?");
		assertThat(Browser.redirectQuery(response)).containsEntry("error", "invalid_request")
			.containsEntry("state", request.state())
			.doesNotContainKey("code");
	}

}
