package dev.portcullis.dashboard;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /logout}: a page that asks, and whose button signs out as the home page's does. */
class SignOutPageTest extends FakeIdpTestBase {

	@Test
	void whenSignedInUserOpensLogoutThenAPageAsksWithAFormThatPostsWithCsrfAndNothingIsSignedOutYet() {
		Browser browser = new Browser(baseUrl());
		browser.open("/");

		HttpResponse<String> page = browser.get("/logout");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Sign out of Dashboard?")
			.contains("<form method=\"post\" action=\"/logout\">")
			.contains("id=\"sign-out\"");
		assertThat(Browser.csrfToken(page.body())).isNotBlank();
		assertThat(browser.get("/").statusCode()).as("still signed in after the GET").isEqualTo(200);
	}

	@Test
	void whenTheButtonIsPressedThenSignedOutHereAndSentToTheIdpsEndSessionEndpoint() {
		Browser browser = new Browser(baseUrl());
		browser.open("/");
		String csrf = Browser.csrfToken(browser.get("/logout").body());

		HttpResponse<String> signOut = browser.post("/logout", Map.of("_csrf", csrf));

		assertThat(signOut.statusCode()).isEqualTo(302);
		String location = signOut.headers().firstValue(HttpHeaders.LOCATION).orElseThrow();
		assertThat(location).startsWith(idp.issuer + "/connect/logout?").contains("id_token_hint=");
		assertThat(FakeIdp.parse(location.substring(location.indexOf('?') + 1)))
			.containsEntry("post_logout_redirect_uri", baseUrl() + "/welcome");
		assertThat(browser.get("/").statusCode()).as("signed out here").isEqualTo(302);
	}

	@Test
	void whenVisitorWhoIsNotSignedInOpensLogoutThenSentToTheWelcomePageNotToSignIn() {
		HttpResponse<String> page = new Browser(baseUrl()).get("/logout");

		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue(HttpHeaders.LOCATION)).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/welcome"));
	}

}
