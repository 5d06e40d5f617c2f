package dev.portcullis.idp.conformance;

import java.net.http.HttpResponse;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.IdpTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.portcullis.idp.conformance.SignInAgain.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hints an app may give about the sign-in page (OpenID Connect Core 1.0, section 3.1.2.1): {@code login_hint}
 * prefills the username (escaped, never trusted), {@code ui_locales} picks its language where we have one (else the
 * browser's {@code Accept-Language}, else English), and {@code acr_values} and unknown parameters are accepted.
 */
@IdpTest
class LoginHintAndUiLocalesTest {

	@LocalServerPort
	int port;

	@Test
	void whenTheAppGivesALoginHintThenTheUsernameIsPrefilled() {
		Browser browser = new Browser(this.port);

		String page = signInPage(browser, request().with("login_hint", "bob"));

		assertThat(page).contains("id=\"username\"").containsPattern("name=\"username\"[^>]*value=\"bob\"");
	}

	@Test
	void whenTheLoginHintHoldsMarkupThenItIsShownEscaped() {
		Browser browser = new Browser(this.port);

		String page = signInPage(browser, request().with("login_hint", "\"><script>alert(1)</script>"));

		assertThat(page).doesNotContain("<script>alert(1)").contains("&lt;script&gt;");
	}

	@Test
	void whenTheLoginHintIsPrefilledThenTheSubmittedUsernameIsWhatCounts() {
		Browser browser = new Browser(this.port);
		AuthorizationRequest request = request().with("login_hint", "bob");

		String code = browser.authorizationCode(request, "alice", "alice-password");

		assertThat(code).isNotBlank();
	}

	@Test
	void whenUiLocalesAsksForKoreanThenTheSignInPageIsKorean() {
		String page = signInPage(new Browser(this.port), request().with("ui_locales", "ko-KR en"));

		assertThat(page).contains("lang=\"ko\"").contains("로그인").contains("비밀번호");
	}

	@Test
	void whenUiLocalesHasNoLanguageWeSpeakThenTheBrowsersLanguageIsUsed() {
		Browser browser = new Browser(this.port);
		HttpResponse<String> toSignIn = browser.authorize(request().with("ui_locales", "fr de"));

		String page = browser.get(Browser.location(toSignIn), "ko;q=0.9, en;q=0.5").body();

		assertThat(page).contains("비밀번호");
	}

	@Test
	void whenNothingAsksForALanguageThenTheSignInPageIsEnglish() {
		String page = signInPage(new Browser(this.port), request());

		assertThat(page).contains("lang=\"en\"").contains("Password").doesNotContain("비밀번호");
	}

	@Test
	void whenTheRequestCarriesAcrValuesAndUnknownParametersThenItIsAnsweredAsUsual() {
		AuthorizationRequest request = request().with("acr_values", "urn:portcullis:mfa")
			.with("claims_locales", "en")
			.with("x-vendor-extension", "1");

		String code = new Browser(this.port).authorizationCode(request, "alice", "alice-password");

		assertThat(code).isNotBlank();
	}

	private static String signInPage(Browser browser, AuthorizationRequest request) {
		HttpResponse<String> toSignIn = browser.authorize(request);
		assertThat(Browser.location(toSignIn)).startsWith(browser.baseUrl() + "/login");
		HttpResponse<String> page = browser.get(Browser.location(toSignIn));
		assertThat(page.statusCode()).isEqualTo(200);
		return page.body();
	}

}
