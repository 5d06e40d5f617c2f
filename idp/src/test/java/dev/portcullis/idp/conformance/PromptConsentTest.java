package dev.portcullis.idp.conformance;

import java.net.http.HttpResponse;
import java.util.Set;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.ConsentPage;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.users.UserAccountRepository;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code prompt=consent} (OpenID Connect Core 1.0, section 3.1.2.1): the consent page is shown even when the person
 * allowed the app before, and even for an app that does not otherwise ask.
 */
@IdpTest
class PromptConsentTest {

	@LocalServerPort
	int port;

	@Autowired
	UserAccountRepository accounts;

	@Test
	void whenConsentWasGivenBeforeAndPromptIsConsentThenTheConsentPageIsShownAgain() {
		// someone who has never seen this app's consent page, whatever other tests did
		String username = "carol-" + System.nanoTime();
		this.accounts.create(username, null, "Carol", "{bcrypt}" + new BCryptPasswordEncoder(4).encode("carol-password"),
				Set.of("USER"));
		Browser browser = new Browser(this.port);
		browser.signIn(username, "carol-password");
		String redirectUri = "http://127.0.0.1:9999/consent-callback";
		ConsentPage.open(browser, AuthorizationRequest.of("consent-client", redirectUri, "openid profile"))
			.allow("profile");
		assertThat(Browser.location(browser.authorize(AuthorizationRequest.of("consent-client", redirectUri,
				"openid profile")))).startsWith(redirectUri + "?code=");

		AuthorizationRequest again = AuthorizationRequest.of("consent-client", redirectUri, "openid profile")
			.with("prompt", "consent");
		ConsentPage shownAgain = ConsentPage.open(browser, again);

		assertThat(shownAgain.html()).contains("Allow access?").contains("You already allowed");
		HttpResponse<String> allowed = shownAgain.allow("profile");
		assertThat(Browser.redirectQuery(allowed)).containsKey("code").containsEntry("state", again.state());
	}

	@Test
	void whenAnAppThatNeverAsksForConsentSendsPromptConsentThenThePageIsShownAndAllowingSignsIn() {
		Browser browser = new Browser(this.port);
		browser.signIn("alice", "alice-password");
		AuthorizationRequest request = AuthorizationRequest.of("test-client", SignInAgain.REDIRECT_URI, "openid")
			.with("prompt", "consent");

		HttpResponse<String> allowed = ConsentPage.open(browser, request).allow();

		assertThat(Browser.redirectQuery(allowed)).containsKey("code").containsEntry("state", request.state());
	}

	@Test
	void whenPromptIsNoneAndConsentIsMissingThenTheAppGetsConsentRequired() {
		Browser browser = new Browser(this.port);
		browser.signIn("alice", "alice-password");
		AuthorizationRequest request = AuthorizationRequest.of("consent-client",
				"http://127.0.0.1:9999/consent-callback", "openid email profile")
			.with("prompt", "none");

		HttpResponse<String> response = browser.authorize(request);

		assertThat(Browser.redirectQuery(response)).containsEntry("error", "consent_required")
			.containsEntry("state", request.state());
	}

}
