package dev.portcullis.dashboard;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IdP ends this app's session by POSTing a signed logout token (OpenID Connect Back-Channel
 * Logout 1.0). Every test signs alice in first, so the app holds a session whose ID token carries
 * a {@code sid}, then delivers a token as the IdP would (no cookie, no CSRF token) and checks both
 * the answer and whether the session cookie still opens the signed-in home page.
 */
class BackChannelLogoutTest extends FakeIdpTestBase {

	private static final String ENDPOINT = "/logout/connect/back-channel/portcullis";

	@Test
	void whenValidLogoutTokenThenThatSessionEndsAndNoOther() {
		Browser alice = signedIn();
		String sid = idp.lastSid();
		Browser aliceOnAnotherDevice = signedIn();

		HttpResponse<String> response = deliver(LogoutTokens.forSession(idp, sid).sign());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertSignedOut(alice);
		assertSignedIn(aliceOnAnotherDevice);
	}

	@Test
	void whenValidLogoutTokenHasSidButNoSubThenSessionEnds() {
		Browser alice = signedIn();

		HttpResponse<String> response = deliver(LogoutTokens.forSession(idp, idp.lastSid()).without("sub").sign());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertSignedOut(alice);
	}

	@Test
	void whenLogoutTokenIsForAnotherSidOfTheSameUserThenSessionSurvives() {
		Browser alice = signedIn();

		HttpResponse<String> response = deliver(LogoutTokens.forSession(idp, "sid-of-another-browser").sign());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertSignedIn(alice);
	}

	@Test
	void whenLogoutTokenIsSignedWithAnotherKeyOfTheSameKidThenRejected() {
		Browser alice = signedIn();

		assertRejected(alice, LogoutTokens.forSession(idp, idp.lastSid()).signedWithAnotherKeyOfTheSameKid().sign());
	}

	@Test
	void whenLogoutTokenPayloadIsTamperedWithThenRejected() {
		Browser alice = signedIn();
		String sid = idp.lastSid();

		// A genuine token for some other session, rewritten to name alice's.
		String tampered = LogoutTokens.forSession(idp, "sid-of-another-browser")
			.signedButCarrying(LogoutTokens.forSession(idp, sid));

		assertRejected(alice, tampered);
	}

	@Test
	void whenLogoutTokenIsFromAnotherIssuerThenRejected() {
		Browser alice = signedIn();

		assertRejected(alice,
				LogoutTokens.forSession(idp, idp.lastSid()).claim("iss", "http://127.0.0.1:1/other-idp").sign());
	}

	@Test
	void whenLogoutTokenIsForAnotherClientThenRejected() {
		Browser alice = signedIn();

		assertRejected(alice, LogoutTokens.forSession(idp, idp.lastSid()).claim("aud", List.of("other-app")).sign());
	}

	@Test
	void whenLogoutTokenHasNoEventsThenRejected() {
		Browser alice = signedIn();

		assertRejected(alice, LogoutTokens.forSession(idp, idp.lastSid()).without("events").sign());
	}

	@Test
	void whenLogoutTokenEventsLackTheBackChannelLogoutEventThenRejected() {
		Browser alice = signedIn();

		assertRejected(alice, LogoutTokens.forSession(idp, idp.lastSid())
			.claim("events", Map.of("http://schemas.openid.net/event/some-other-event", Map.of()))
			.sign());
	}

	@Test
	void whenLogoutTokenCarriesANonceThenRejected() {
		Browser alice = signedIn();

		assertRejected(alice, LogoutTokens.forSession(idp, idp.lastSid()).claim("nonce", "n-0S6_WzA2Mj").sign());
	}

	@Test
	void whenLogoutTokenHasExpiredThenRejected() {
		Browser alice = signedIn();

		// iat ten minutes ago, exp two minutes later: well past the 60 s clock skew allowed.
		assertRejected(alice, LogoutTokens.forSession(idp, idp.lastSid()).issuedAgo(Duration.ofMinutes(10)).sign());
	}

	@Test
	void whenLogoutTokenHasNoJtiThenRejected() {
		Browser alice = signedIn();

		assertRejected(alice, LogoutTokens.forSession(idp, idp.lastSid()).without("jti").sign());
	}

	@Test
	void whenLogoutTokenHasNoIatThenRejected() {
		Browser alice = signedIn();

		assertRejected(alice, LogoutTokens.forSession(idp, idp.lastSid()).without("iat").sign());
	}

	@Test
	void whenLogoutTokenIsNotAJwtThenRejected() {
		Browser alice = signedIn();

		assertRejected(alice, "garbage");
	}

	@Test
	void whenNoLogoutTokenIsSentThenRejected() {
		Browser alice = signedIn();

		HttpResponse<String> response = new Browser(baseUrl()).post(ENDPOINT, Map.of());

		assertBadRequestWithoutStackTrace(response);
		assertSignedIn(alice);
	}

	@Test
	void whenLogoutTokenIsUnsignedWithAlgNoneThenRejected() {
		Browser alice = signedIn();

		assertRejected(alice, LogoutTokens.forSession(idp, idp.lastSid()).unsigned());
	}

	// Properly signed, but claims of the wrong shape: Spring lets these escape as exceptions (a 500)
	// unless signin.MalformedLogoutTokenFilter turns them into the 400 the spec asks for.

	@Test
	void whenLogoutTokenHasNoIssuerThenRejected() {
		Browser alice = signedIn();

		assertRejected(alice, LogoutTokens.forSession(idp, idp.lastSid()).without("iss").sign());
	}

	@Test
	void whenLogoutTokenIssuerIsNotAUrlThenRejected() {
		Browser alice = signedIn();

		assertRejected(alice, LogoutTokens.forSession(idp, idp.lastSid()).claim("iss", "not a url").sign());
	}

	@Test
	void whenLogoutTokenEventsIsNotAnObjectThenRejected() {
		Browser alice = signedIn();

		assertRejected(alice, LogoutTokens.forSession(idp, idp.lastSid()).claim("events", "logout").sign());
	}

	@Test
	void whenBackChannelLogoutEventIsNotAnObjectThenRejected() {
		Browser alice = signedIn();

		assertRejected(alice, LogoutTokens.forSession(idp, idp.lastSid())
			.claim("events", Map.of(LogoutTokens.BACK_CHANNEL_LOGOUT_EVENT, "yes"))
			.sign());
	}

	/** A browser that went through sign-in; the IdP's {@code sid} for it is then {@code idp.lastSid()}. */
	private Browser signedIn() {
		Browser browser = new Browser(baseUrl());
		HttpResponse<String> home = browser.open("/");
		assertThat(home.uri().getPath()).isEqualTo("/");
		assertSignedIn(browser);
		return browser;
	}

	/** POSTs the token the way the IdP does: a fresh client, so no session cookie and no CSRF token. */
	private HttpResponse<String> deliver(String logoutToken) {
		return new Browser(baseUrl()).post(ENDPOINT, Map.of("logout_token", logoutToken));
	}

	private void assertRejected(Browser user, String logoutToken) {
		assertBadRequestWithoutStackTrace(deliver(logoutToken));
		assertSignedIn(user);
	}

	private static void assertBadRequestWithoutStackTrace(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at org.");
	}

	/** Not following redirects: a silent sign-in again at the fake IdP must not pass for a live session. */
	private static void assertSignedIn(Browser browser) {
		HttpResponse<String> home = browser.get("/");
		assertThat(home.statusCode()).as("still signed in").isEqualTo(200);
		assertThat(home.body()).contains("id=\"user-name\">Alice Adams<");
	}

	private static void assertSignedOut(Browser browser) {
		HttpResponse<String> home = browser.get("/");
		assertThat(home.statusCode()).as("sent to sign in").isEqualTo(302);
		assertThat(home.headers().firstValue(HttpHeaders.LOCATION))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/oauth2/authorization/portcullis"));
	}

}
