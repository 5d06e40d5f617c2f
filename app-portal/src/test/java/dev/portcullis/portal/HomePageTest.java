package dev.portcullis.portal;

import java.net.http.HttpResponse;

import dev.portcullis.testsupport.Browser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The portal's own pages: welcome, the signed-in home with the dashboard's API answer, the sign-out question. */
class HomePageTest extends FakeIdpTestBase {

	@Test
	void whenWelcomeRequestedThenPublicPageWithSignInLink() {
		HttpResponse<String> page = new Browser(baseUrl()).get("/welcome");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<title>Portal").contains("href=\"/\"").contains("Sign in");
	}

	@Test
	void whenUserSignsInThenHomeShowsWhoTheyAreAndWhatTheDashboardsApiSays() {
		Browser browser = new Browser(baseUrl());

		HttpResponse<String> home = browser.open("/");

		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.uri().getPath()).isEqualTo("/");
		assertThat(home.body()).contains("id=\"user-name\">Alice Adams<")
			.contains("id=\"user-email\">alice@example.com<")
			.contains("href=\"http://localhost:8082/\"")
			.contains("id=\"sign-out\"")
			.contains("name=\"_csrf\"")
			.contains("The dashboard&#39;s API says you are alice (scopes: api, openid).");
		// The dashboard was called with the very access token the IdP issued to this sign-in.
		assertThat(idp.otherAppAuthorizations).last()
			.isIn(idp.issuedAccessTokens.stream().map((token) -> "Bearer " + token).toList());
		// The session cookie is the portal's own: apps on localhost share cookies whatever their port.
		assertThat(browser.cookie("PORTAL_SESSION")).isNotBlank();
	}

	@Test
	void whenTheDashboardsApiFailsThenHomeStillRendersWithAFriendlyMessage() {
		idp.otherAppDown = true;
		try {
			HttpResponse<String> home = new Browser(baseUrl()).open("/");

			assertThat(home.statusCode()).isEqualTo(200);
			assertThat(home.body()).contains("id=\"user-name\">Alice Adams<")
				.contains("The dashboard&#39;s API refused to answer (HTTP 503).")
				.doesNotContain("Exception");
		}
		finally {
			idp.otherAppDown = false;
		}
	}

	@Test
	void whenSignedInUserOpensLogoutThenThePortalsOwnPageAsksWithAFormThatPostsWithCsrf() {
		Browser browser = new Browser(baseUrl());
		browser.open("/");

		HttpResponse<String> page = browser.get("/logout");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Sign out of Portal?")
			.contains("<form method=\"post\" action=\"/logout\">")
			.contains("id=\"sign-out\"");
		assertThat(Browser.csrfToken(page.body())).isNotBlank();
	}

	@Test
	void whenSignedInUserAsksForOtherActuatorEndpointsThenTheyAreNotExposed() {
		Browser browser = new Browser(baseUrl());
		browser.open("/");

		assertThat(browser.get("/actuator/health").statusCode()).isEqualTo(200);
		assertThat(browser.get("/actuator/env").statusCode()).isEqualTo(404);
	}

}
