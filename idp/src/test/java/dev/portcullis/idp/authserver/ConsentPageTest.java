package dev.portcullis.idp.authserver;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.support.TokenClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The consent page of a client registered with "consent required": allow, deny, and remembered consent. */
@IdpTest
class ConsentPageTest {

	private static final String REDIRECT_URI = "http://127.0.0.1:9999/consent-callback";

	private static final Pattern STATE = Pattern.compile("name=\"state\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Test
	void whenAnAppRequiresConsentThenThePersonSeesWhatItAsksForAndAllowingIssuesACodeAndIsRemembered() {
		Browser browser = new Browser(this.port);
		browser.signIn("bob", "bob-password");
		AuthorizationRequest request = AuthorizationRequest.of("consent-client", REDIRECT_URI, "openid profile email");

		HttpResponse<String> toConsent = browser.authorize(request);
		assertThat(Browser.location(toConsent)).contains("/oauth2/consent");
		String page = browser.get(Browser.location(toConsent)).body();
		assertThat(page).contains("Allow access?").contains("Your name and username").contains("Your email address");

		HttpResponse<String> allowed = browser.post("/oauth2/authorize", Map.of("client_id", "consent-client",
				"state", state(page), "scope", "profile", "_csrf", Browser.csrfToken(page)));

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
		String page = browser.get(Browser.location(browser.authorize(request))).body();

		HttpResponse<String> denied = browser.post("/oauth2/authorize",
				Map.of("client_id", "consent-client", "state", state(page), "_csrf", Browser.csrfToken(page)));

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

	private static String state(String page) {
		Matcher matcher = STATE.matcher(page);
		assertThat(matcher.find()).as("consent form has a state").isTrue();
		return matcher.group(1);
	}

}
