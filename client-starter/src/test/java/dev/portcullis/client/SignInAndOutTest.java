package dev.portcullis.client;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import dev.portcullis.testsupport.Browser;
import dev.portcullis.testsupport.FakeIdp;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/** Browser sign-in and sign-out on the starter's defaults, for an app with nothing but the required keys. */
class SignInAndOutTest extends StarterTestBase {

	@Test
	void whenVisitorOpensAPageThenSentStraightToSignIn() {
		HttpResponse<String> page = new Browser(baseUrl()).get("/");

		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue(HttpHeaders.LOCATION)).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/oauth2/authorization/portcullis"));
	}

	@Test
	void whenSignInStartsThenIdpGetsCodeRequestWithPkceS256StateNonceAndTheConfiguredScopes() {
		HttpResponse<String> start = new Browser(baseUrl()).get("/oauth2/authorization/portcullis");

		assertThat(start.statusCode()).isEqualTo(302);
		String location = start.headers().firstValue(HttpHeaders.LOCATION).orElseThrow();
		assertThat(location).startsWith(idp.issuer + "/oauth2/authorize?");
		Map<String, String> params = FakeIdp.parse(URI.create(location).getRawQuery());
		assertThat(params).containsEntry("response_type", "code")
			.containsEntry("client_id", CLIENT_ID)
			.containsEntry("redirect_uri", baseUrl() + "/login/oauth2/code/portcullis")
			.containsEntry("code_challenge_method", "S256")
			.containsKeys("code_challenge", "state", "nonce");
		assertThat(params.get("scope").split(" ")).containsExactlyInAnyOrder("openid", "profile", "email");
		// A session cookie named after the client id: apps on one host do not share cookies by port.
		assertThat(start.headers().allValues(HttpHeaders.SET_COOKIE)).anyMatch((c) -> c.startsWith("STARTER_APP_SESSION="));
	}

	@Test
	void whenPublicPageOrHealthRequestedThenServedWithoutSignIn() {
		Browser visitor = new Browser(baseUrl());

		assertThat(visitor.get("/welcome").statusCode()).isEqualTo(200);
		assertThat(visitor.get("/actuator/health").statusCode()).isIn(200, 404);
	}

	@Test
	void whenSignInCallbackFailsThenLandsOnTheLandingPageInsteadOfLoopingToTheIdp() {
		HttpResponse<String> callback = new Browser(baseUrl())
			.get("/login/oauth2/code/portcullis?error=access_denied&state=unknown");

		assertThat(callback.statusCode()).isEqualTo(302);
		assertThat(callback.headers().firstValue(HttpHeaders.LOCATION))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/welcome?error"));
	}

	@Test
	void whenSignedInUserOpensLogoutThenTheBuiltInPageAsksWithAFormThatPostsWithCsrf() {
		Browser browser = signedIn();

		HttpResponse<String> page = browser.get("/logout");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("<form method=\"post\" action=\"/logout\">").contains("id=\"sign-out\"");
		assertThat(Browser.csrfToken(page.body())).isNotBlank();
		assertSignedIn(browser);
	}

	@Test
	void whenTheButtonIsPressedThenSignedOutHereAndSentToTheIdpsEndSessionEndpoint() {
		Browser browser = signedIn();
		String csrf = Browser.csrfToken(browser.get("/logout").body());

		HttpResponse<String> signOut = browser.post("/logout", Map.of("_csrf", csrf));

		assertThat(signOut.statusCode()).isEqualTo(302);
		String location = signOut.headers().firstValue(HttpHeaders.LOCATION).orElseThrow();
		assertThat(location).startsWith(idp.issuer + "/connect/logout?").contains("id_token_hint=");
		assertThat(FakeIdp.parse(URI.create(location).getRawQuery())).containsEntry("post_logout_redirect_uri",
				baseUrl() + "/welcome");
		assertSignedOut(browser);
	}

	@Test
	void whenSignOutLacksCsrfTokenThenRefusedAndStillSignedIn() {
		Browser browser = signedIn();

		assertThat(browser.post("/logout", Map.of()).statusCode()).isEqualTo(403);
		assertSignedIn(browser);
	}

	@Test
	void whenVisitorWhoIsNotSignedInOpensLogoutThenSentToTheLandingPageNotToSignIn() {
		HttpResponse<String> page = new Browser(baseUrl()).get("/logout");

		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue(HttpHeaders.LOCATION))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/welcome"));
	}

}
