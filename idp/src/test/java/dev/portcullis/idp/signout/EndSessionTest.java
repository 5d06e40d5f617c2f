package dev.portcullis.idp.signout;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.LogoutReceiver;
import dev.portcullis.idp.support.CodeFlow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person who asked an app to sign them out is signed out (RP-Initiated Logout 1.0), whatever else is wrong with
 * the app's request: an unregistered return address only means the IdP's own "You are signed out" page; a request
 * that cannot be tied to this session by its {@code id_token_hint} asks the person first. Every other app of the
 * session is told through back-channel logout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test" })
class EndSessionTest {

	private static final String APP_REDIRECT = "http://127.0.0.1:9999/callback";

	private static final String APP_SIGNED_OUT = "http://127.0.0.1:9999/signed-out";

	private static LogoutReceiver otherApp;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private Browser browser;

	@DynamicPropertySource
	static void receivers(DynamicPropertyRegistry registry) throws Exception {
		otherApp = LogoutReceiver.answering();
		registry.add("portcullis.clients.backchannel-logout-uris.logout-client", otherApp::uri);
	}

	@AfterAll
	static void stopReceiver() throws Exception {
		otherApp.close();
	}

	@BeforeEach
	void setUp() {
		otherApp.clear();
		this.browser = new Browser(this.port);
	}

	@Test
	void whenTheReturnAddressIsNotRegisteredThenThePersonIsStillSignedOutEverywhereAndShownTheIdpsPage()
			throws Exception {
		String idToken = signInToBothApps();
		String sid = decode(idToken).getClaimAsString("sid");

		HttpResponse<String> response = this.browser.get("/connect/logout?id_token_hint=" + idToken
				+ "&post_logout_redirect_uri=" + encode("https://reports.example.com/") + "&state=s-1");

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(Browser.location(response)).isEqualTo(this.browser.baseUrl() + "/signed-out?client_id=test-client")
			.doesNotContain("reports.example.com");
		HttpResponse<String> page = this.browser.get(Browser.location(response));
		assertThat(page.body()).contains("You are signed out").contains("href=\"" + APP_SIGNED_OUT + "\"");
		assertSignedOut();
		Jwt logoutToken = logoutTokens().decode(otherApp.awaitToken(10));
		assertThat(logoutToken.getAudience()).containsExactly("logout-client");
		assertThat(logoutToken.getClaimAsString("sid")).isEqualTo(sid);
		assertThat(auditActions("test-client")).contains("signout.redirect-refused", "signout.ended");
	}

	@Test
	void whenTheReturnAddressIsRegisteredThenTheBrowserGoesBackThereWithTheState() {
		String idToken = signInToBothApps();

		HttpResponse<String> response = this.browser.get("/connect/logout?id_token_hint=" + idToken
				+ "&post_logout_redirect_uri=" + encode(APP_SIGNED_OUT) + "&state=s-2");

		assertThat(Browser.location(response)).isEqualTo(APP_SIGNED_OUT + "?state=s-2");
		assertSignedOut();
	}

	@Test
	void whenThereIsNoIdTokenHintThenThePersonIsAskedAndConfirmingSignsThemOut() throws Exception {
		signInToBothApps();

		HttpResponse<String> response = this.browser
			.get("/connect/logout?client_id=test-client&post_logout_redirect_uri=" + encode(APP_SIGNED_OUT));

		assertThat(Browser.location(response)).isEqualTo(this.browser.baseUrl() + "/signout?client_id=test-client");
		HttpResponse<String> confirmation = this.browser.get(Browser.location(response));
		assertThat(confirmation.body()).contains("Sign out of Portcullis?").contains("id=\"signout-app\"")
			.doesNotContain(APP_SIGNED_OUT);
		assertSignedIn(); // asking changes nothing
		assertThat(auditActions("test-client")).contains("signout.confirmation-shown");

		HttpResponse<String> confirmed = this.browser.post("/logout",
				Map.of("client_id", "test-client", "_csrf", Browser.csrfToken(confirmation.body())));

		assertThat(Browser.location(confirmed)).isEqualTo(this.browser.baseUrl() + "/signed-out?client_id=test-client");
		assertThat(this.browser.get(Browser.location(confirmed)).body()).contains("You are signed out");
		assertSignedOut();
		otherApp.awaitToken(10);
	}

	@Test
	void whenThePersonDoesNotConfirmThenTheyStaySignedIn() throws Exception {
		signInToBothApps();

		HttpResponse<String> confirmation = this.browser.get(Browser.location(this.browser.get("/connect/logout")));

		assertThat(confirmation.body()).contains("Stay signed in");
		assertSignedIn();
		assertThat(otherApp.nextTokenOrNull(500)).isNull();
	}

	@Test
	void whenAThirdPartyPagePostsTheConfirmationWithoutTheTokenThenNobodyIsSignedOut() {
		signInToBothApps();

		HttpResponse<String> forged = this.browser.post("/logout", Map.of("client_id", "test-client"));

		assertThat(forged.statusCode()).isEqualTo(403);
		assertSignedIn();
	}

	@Test
	void whenTheIdTokenHintIsFromAnotherSessionThenThePersonIsAskedFirst() {
		signInToBothApps();
		Browser phone = new Browser(this.port);
		String phonesIdToken = CodeFlow.testClient(this.port).tokens(phone, "openid", "alice", "alice-password")
			.get("id_token");

		HttpResponse<String> response = this.browser.get("/connect/logout?id_token_hint=" + phonesIdToken);

		assertThat(Browser.location(response)).startsWith(this.browser.baseUrl() + "/signout");
		assertSignedIn();
	}

	@Test
	void whenTheIdTokenHintIsFromAnotherAppThanTheRequestNamesThenThePersonIsAskedFirst() throws Exception {
		signInToBothApps();
		String otherAppsIdToken = CodeFlow.logoutClient(this.port)
			.tokens(this.browser, "openid", "alice", "alice-password")
			.get("id_token");

		// this session's ID token, but logout-client's, in a request that says it comes from test-client
		HttpResponse<String> response = this.browser.get("/connect/logout?client_id=test-client&id_token_hint="
				+ otherAppsIdToken + "&post_logout_redirect_uri=" + encode(APP_SIGNED_OUT));

		assertThat(Browser.location(response)).isEqualTo(this.browser.baseUrl() + "/signout?client_id=test-client");
		assertSignedIn();
		assertThat(otherApp.nextTokenOrNull(500)).as("no app is told anything").isNull();
		assertThat(auditActions("test-client")).contains("signout.confirmation-shown");
	}

	@Test
	void whenNobodyIsSignedInThenTheSignedOutPageIsShown() {
		HttpResponse<String> response = new Browser(this.port).get("/connect/logout?client_id=test-client");

		assertThat(Browser.location(response)).isEqualTo(this.browser.baseUrl() + "/signed-out?client_id=test-client");
	}

	/** Alice signs in to test-client, then (single sign-on) to logout-client; returns test-client's ID token. */
	private String signInToBothApps() {
		String idToken = CodeFlow.testClient(this.port).tokens(this.browser, "openid", "alice", "alice-password")
			.get("id_token");
		CodeFlow.logoutClient(this.port).tokens(this.browser, "openid", "alice", "alice-password");
		return idToken;
	}

	private void assertSignedIn() {
		assertThat(Browser.location(this.browser.authorize(AuthorizationRequest.of("test-client", APP_REDIRECT,
				"openid")))).startsWith(APP_REDIRECT + "?code=");
	}

	private void assertSignedOut() {
		assertThat(Browser.location(this.browser.authorize(AuthorizationRequest.of("test-client", APP_REDIRECT,
				"openid")))).isEqualTo(this.browser.baseUrl() + "/login");
	}

	private Jwt decode(String token) {
		return NimbusJwtDecoder.withJwkSetUri(this.browser.baseUrl() + "/oauth2/jwks").build().decode(token);
	}

	/** Logout tokens are typed {@code logout+jwt} (Back-Channel Logout 1.0, section 2.4). */
	private NimbusJwtDecoder logoutTokens() {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(this.browser.baseUrl() + "/oauth2/jwks")
			.validateType(false)
			.jwtProcessorCustomizer((processor) -> processor
				.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("logout+jwt"))))
			.build();
		decoder.setJwtValidator(new JwtTimestampValidator());
		return decoder;
	}

	private List<String> auditActions(String target) {
		return this.jdbc.sql("SELECT action FROM audit_events WHERE target = ?").param(target).query(String.class).list();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
