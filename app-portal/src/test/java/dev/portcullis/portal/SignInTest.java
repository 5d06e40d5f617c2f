package dev.portcullis.portal;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/** Browser sign-in, sign-out and back-channel logout, against the fake IdP. */
class SignInTest extends FakeIdpTestBase {

	@Test
	void whenVisitorOpensHomeThenSentStraightToSignIn() {
		this.http.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.valueMatches(HttpHeaders.LOCATION, ".*/oauth2/authorization/portcullis$");
	}

	@Test
	void whenSignInStartsThenIdpGetsCodeRequestWithPkceS256StateAndNonce() {
		String location = this.http.get()
			.uri("/oauth2/authorization/portcullis")
			.exchange()
			.expectStatus()
			.isFound()
			.expectCookie()
			.exists("PORTAL_SESSION")
			.returnResult()
			.getResponseHeaders()
			.getFirst(HttpHeaders.LOCATION);

		assertThat(location).startsWith(idp.issuer + "/oauth2/authorize?");
		Map<String, String> params = FakeIdp.parse(URI.create(location).getRawQuery());
		assertThat(params).containsEntry("response_type", "code")
			.containsEntry("client_id", "portal")
			.containsEntry("redirect_uri", baseUrl() + "/login/oauth2/code/portcullis")
			.containsEntry("code_challenge_method", "S256")
			.containsKeys("code_challenge", "state", "nonce");
		assertThat(params.get("scope").split(" ")).containsExactlyInAnyOrder("openid", "profile", "email",
				"dashboard.api");
	}

	@Test
	void whenWelcomeRequestedThenPublicPageWithSignInLink() {
		String page = this.http.get().uri("/welcome").exchange().expectStatus().isOk().returnResult(String.class)
			.getResponseBody();

		assertThat(page).contains("<title>Portal").contains("href=\"/\"").contains("Sign in");
	}

	@Test
	void whenHealthRequestedThenPublicAndUp() {
		this.http.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody().jsonPath("$.status")
			.isEqualTo("UP");
	}

	@Test
	void whenSignedInUserAsksForOtherActuatorEndpointsThenTheyAreNotExposed() {
		Browser browser = new Browser(baseUrl());
		browser.open("/");

		assertThat(browser.get("/actuator/env").statusCode()).isEqualTo(404);
		assertThat(browser.get("/actuator/beans").statusCode()).isEqualTo(404);
	}

	@Test
	void whenSignInCallbackFailsThenLandsOnWelcomeInsteadOfLoopingToTheIdp() {
		this.http.get()
			.uri("/login/oauth2/code/portcullis?error=access_denied&state=unknown")
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.valueMatches(HttpHeaders.LOCATION, ".*/welcome\\?error$");
	}

	@Test
	void whenUserSignsInThenHomeShowsWhoTheyAreAndWhatTheOtherAppsApiSays() {
		Browser browser = new Browser(baseUrl());

		HttpResponse<String> home = browser.open("/");

		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.uri().getPath()).isEqualTo("/");
		assertThat(home.body()).contains("id=\"user-name\">Alice Adams<")
			.contains("id=\"user-email\">alice@example.com<")
			.contains("href=\"http://localhost:8082/\"")
			.contains("id=\"sign-out\"")
			.contains("name=\"_csrf\"")
			.contains("The dashboard&#39;s API says you are alice (scopes: dashboard.api, openid).");
		// The other app was called with the very access token the IdP issued to this sign-in.
		assertThat(idp.otherAppAuthorizations).last().isIn(idp.issuedAccessTokens.stream().map((t) -> "Bearer " + t).toList());
	}

	@Test
	void whenOtherAppsApiFailsThenHomeStillRendersWithAFriendlyMessage() {
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
	void whenSignedInUserSignsOutThenIdpEndsItsSessionAndSendsBackToWelcome() {
		Browser browser = new Browser(baseUrl());
		String csrf = Browser.csrfToken(browser.open("/").body());

		HttpResponse<String> signOut = browser.post("/logout", Map.of("_csrf", csrf));

		assertThat(signOut.statusCode()).isEqualTo(302);
		String location = signOut.headers().firstValue(HttpHeaders.LOCATION).orElseThrow();
		assertThat(location).startsWith(idp.issuer + "/connect/logout?");
		Map<String, String> params = UriComponentsBuilder.fromUriString(location).build().getQueryParams()
			.toSingleValueMap();
		assertThat(params).containsKey("id_token_hint");
		assertThat(FakeIdp.parse(URI.create(location).getRawQuery())).containsEntry("post_logout_redirect_uri",
				baseUrl() + "/welcome");
		assertThat(browser.get("/").statusCode()).as("signed out locally too").isEqualTo(302);
	}

	@Test
	void whenSignOutLacksCsrfTokenThenRefused() {
		Browser browser = new Browser(baseUrl());
		browser.open("/");

		assertThat(browser.post("/logout", Map.of()).statusCode()).isEqualTo(403);
		assertThat(browser.get("/").statusCode()).as("still signed in").isEqualTo(200);
	}

	@Test
	void whenBackChannelLogoutTokenIsGarbageThenBadRequest() {
		// Reached without a session or CSRF token (a 403 or a redirect would mean it is not wired).
		Browser server = new Browser(baseUrl());

		assertThat(server.post("/logout/connect/back-channel/portcullis", Map.of("logout_token", "garbage"))
			.statusCode()).isEqualTo(400);
	}

	@Test
	void whenIdpSendsBackChannelLogoutThenTheUsersSessionEnds() {
		Browser browser = new Browser(baseUrl());
		assertThat(browser.open("/").statusCode()).isEqualTo(200);
		String logoutToken = idp.sign(new JWTClaimsSet.Builder().issuer(idp.issuer)
			.audience("portal")
			.subject("user-1")
			.claim("sid", idp.lastSid())
			.claim("events", Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()))
			.issueTime(Date.from(Instant.now()))
			.expirationTime(Date.from(Instant.now().plusSeconds(120)))
			.jwtID(UUID.randomUUID().toString())
			.build());

		HttpResponse<String> response = new Browser(baseUrl()).post("/logout/connect/back-channel/portcullis",
				Map.of("logout_token", logoutToken));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		HttpResponse<String> home = browser.get("/");
		assertThat(home.statusCode()).isEqualTo(302);
		assertThat(home.headers().firstValue(HttpHeaders.LOCATION)).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/oauth2/authorization/portcullis"));
	}

}
