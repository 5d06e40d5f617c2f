package dev.portcullis.client;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.portcullis.testsupport.Browser;
import dev.portcullis.testsupport.LogoutTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The back-channel logout receiver's rules (OpenID Connect Back-Channel Logout 1.0). Every test signs alice in
 * first, so the app holds a session whose ID token carries a {@code sid}, then delivers a token as the IdP would (no
 * cookie, no CSRF token) and checks both the answer and whether the session cookie still opens the home page.
 */
class BackChannelLogoutTest extends StarterTestBase {

	private static final String ENDPOINT = "/logout/connect/back-channel/portcullis";

	@Test
	void whenValidLogoutTokenThenThatSessionEndsAndNoOther() {
		Browser alice = signedIn();
		String sid = idp.lastSid();
		Browser aliceOnAnotherDevice = signedIn();

		HttpResponse<String> response = deliver(LogoutTokens.forSession(idp, sid).sign());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
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
	void whenLogoutTokenHasSubButNoSidThenEverySessionOfThatPersonSignedInBeforeEnds() {
		// A person of their own: the logout covers every session of theirs signed in until then, and the other
		// tests of this context sign user-1 in.
		idp.subject = "user-logged-out-everywhere";
		try {
			Browser alice = signedIn();
			Browser aliceOnAnotherDevice = signedIn();

			HttpResponse<String> response = deliver(LogoutTokens.forSession(idp, null)
				.without("sid")
				.claim("sub", "user-logged-out-everywhere")
				.sign());

			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertSignedOut(alice);
			assertSignedOut(aliceOnAnotherDevice);
		}
		finally {
			idp.subject = "user-1";
		}
	}

	@Test
	void whenLogoutTokenIsForAnotherSidOfTheSameUserThenSessionSurvives() {
		Browser alice = signedIn();

		HttpResponse<String> response = deliver(LogoutTokens.forSession(idp, "sid-of-another-browser").sign());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertSignedIn(alice);
	}

	@Test
	void whenLogoutTokenNamesTheSessionButAnotherPersonThenSessionSurvives() {
		Browser alice = signedIn();

		HttpResponse<String> response = deliver(
				LogoutTokens.forSession(idp, idp.lastSid()).claim("sub", "someone-else").sign());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertSignedIn(alice);
	}

	@Test
	void whenTheSameLogoutTokenIsDeliveredTwiceThenTheReplayIsRefused() {
		Browser alice = signedIn();
		String token = LogoutTokens.forSession(idp, idp.lastSid()).sign();
		assertThat(deliver(token).statusCode()).isEqualTo(200);
		assertSignedOut(alice);
		Browser aliceAgain = signedIn();

		HttpResponse<String> replay = deliver(token);

		assertBadRequestWithoutStackTrace(replay);
		assertThat(replay.body()).contains("already used");
		assertSignedIn(aliceAgain);
	}

	@Test
	void whenLogoutTokenHasNoExpThenRejected() {
		Browser alice = signedIn();

		assertRejected(alice, LogoutTokens.forSession(idp, idp.lastSid()).without("exp").sign());
	}

	@Test
	void whenSpringsInternalLogoutMarkerComesWithAVictimsCookieThenTheVictimStaysSignedIn() {
		Browser victim = signedIn();
		String victimCookie = victim.cookie("STARTER_APP_SESSION");
		// A valid token, captured, for some other session: posted from the victim's browser with Spring's marker.
		String capturedToken = LogoutTokens.forSession(idp, "sid-of-another-browser").sign();

		HttpResponse<String> response = victim.post(ENDPOINT,
				Map.of("logout_token", capturedToken, "_spring_security_internal_logout", "true"));

		assertThat(response.statusCode()).as(response.body()).isIn(200, 400);
		assertThat(victim.cookie("STARTER_APP_SESSION")).isEqualTo(victimCookie);
		assertSignedIn(victim);
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

		assertBadRequestWithoutStackTrace(new Browser(baseUrl()).post(ENDPOINT, Map.of()));
		assertSignedIn(alice);
	}

	@Test
	void whenTheRegistrationIsUnknownThenRejected() {
		Browser alice = signedIn();

		assertBadRequestWithoutStackTrace(new Browser(baseUrl()).post("/logout/connect/back-channel/nobody",
				Map.of("logout_token", LogoutTokens.forSession(idp, idp.lastSid()).sign())));
		assertSignedIn(alice);
	}

	@Test
	void whenLogoutTokenIsUnsignedWithAlgNoneThenRejected() {
		Browser alice = signedIn();

		assertRejected(alice, LogoutTokens.forSession(idp, idp.lastSid()).unsigned());
	}

	// Properly signed, but claims of the wrong shape: Spring's own receiver let these escape as exceptions (a 500).

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

	@Test
	void whenLogoutTokenTimesHaveTheWrongTypeThenRejected() {
		Browser alice = signedIn();

		assertRejected(alice, LogoutTokens.forSession(idp, idp.lastSid()).claim("exp", "tomorrow").sign());
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
		assertThat(response.body()).contains("invalid_request")
			.doesNotContain("Exception")
			.doesNotContain("\tat ")
			.doesNotContain("at org.");
	}

}
