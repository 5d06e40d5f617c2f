package dev.portcullis.idp.authserver;

import java.net.http.HttpResponse;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.ConsentPage;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.support.TokenClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The consent page of a client registered with "consent required": allow, deny, and remembered consent. */
@IdpTest
class ConsentPageTest {

	private static final String REDIRECT_URI = "http://127.0.0.1:9999/consent-callback";

	@LocalServerPort
	int port;

	@Test
	void whenAnAppRequiresConsentThenThePersonSeesWhatItAsksForAndAllowingIssuesACodeAndIsRemembered() {
		Browser browser = new Browser(this.port);
		browser.signIn("bob", "bob-password");
		AuthorizationRequest request = AuthorizationRequest.of("consent-client", REDIRECT_URI, "openid profile email");

		ConsentPage page = ConsentPage.open(browser, request);
		assertThat(page.html()).contains("Allow access?").contains("Your name and username")
			.contains("Your email address");

		HttpResponse<String> allowed = page.allow("profile");

		assertThat(Browser.location(allowed)).startsWith(REDIRECT_URI + "?code=").contains("state=" + request.state());
		TokenClient.Response tokens = new TokenClient(this.port, "consent-client", "consent-secret")
			.exchangeCode(request, Browser.redirectQuery(allowed).get("code"));
		assertThat(tokens.status()).isEqualTo(200);
		assertThat(tokens.get("scope")).as("what was allowed, not what was asked").contains("profile")
			.doesNotContain("email");
		// the decision is remembered: the next request for the same scopes goes straight back with a code
		AuthorizationRequest again = AuthorizationRequest.of("consent-client", REDIRECT_URI, "openid profile");
		assertThat(Browser.location(browser.authorize(again))).startsWith(REDIRECT_URI + "?code=");
	}

	@Test
	void whenThePersonDeniesThenTheAppGetsAccessDeniedAndNoCode() {
		Browser browser = new Browser(this.port);
		browser.signIn("alice", "alice-password");
		AuthorizationRequest request = AuthorizationRequest.of("consent-client", REDIRECT_URI, "openid email");
		ConsentPage page = ConsentPage.open(browser, request);

		HttpResponse<String> denied = page.deny();

		assertThat(Browser.location(denied)).startsWith(REDIRECT_URI).contains("error=access_denied")
			.doesNotContain("code=");
	}

	@Test
	void whenTheConsentPageIsOpenedForAnUnknownAppThenItIsABadRequestPage() {
		Browser browser = new Browser(this.port);
		browser.signIn("alice", "alice-password");

		HttpResponse<String> response = browser.get("/oauth2/consent?client_id=nope&scope=openid&state=x");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("Exception");
	}

}
