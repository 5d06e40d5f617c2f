package dev.portcullis.idp.sessions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.CodeFlow;
import dev.portcullis.idp.support.LogoutReceiver;
import dev.portcullis.idp.support.TokenClient;
import dev.portcullis.idp.users.UserAccountRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single logout (OpenID Connect Back-Channel Logout 1.0, RP-Initiated Logout 1.0): however an SSO session ends,
 * every app that received tokens under it gets a signed logout token, and a stuck app delays nobody.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "portcullis.sessions.back-channel-timeout=PT5S", "portcullis.sessions.back-channel-attempts=2" })
@ActiveProfiles({ "demo", "test" })
class SingleLogoutTest {

	private static final String TEST_CLIENT_REDIRECT = "http://127.0.0.1:9999/callback";

	private static final String LOGOUT_CLIENT_REDIRECT = "http://127.0.0.1:9999/logout-callback";

	private static LogoutReceiver app;

	private static LogoutReceiver stuckApp;

	@LocalServerPort
	int port;

	@Autowired
	SsoSessions ssoSessions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccountRepository accounts;

	@DynamicPropertySource
	static void receivers(DynamicPropertyRegistry registry) throws Exception {
		app = LogoutReceiver.answering();
		stuckApp = LogoutReceiver.hanging();
		registry.add("portcullis.clients.backchannel-logout-uris.test-client", app::uri);
		registry.add("portcullis.clients.backchannel-logout-uris.logout-client", stuckApp::uri);
	}

	@AfterAll
	static void stopReceivers() throws Exception {
		app.close();
		stuckApp.close();
	}

	@BeforeEach
	void forgetEarlierTokens() {
		app.clear();
	}

	@Test
	void whenAnAppSignsOutThroughTheIdpThenEveryAppOfTheSessionIsToldAndAStuckAppDelaysNobody() throws Exception {
		Browser browser = new Browser(this.port);
		SignedIn first = signIn(browser, "test-client", "test-secret", TEST_CLIENT_REDIRECT, "alice");
		SignedIn second = signIn(browser, "logout-client", "logout-secret", LOGOUT_CLIENT_REDIRECT, "alice");
		assertThat(first.idToken().getClaimAsString("sid")).isNotBlank()
			.isEqualTo(second.idToken().getClaimAsString("sid"));

		long deliveredBefore = auditCount("test-client", "backchannel-logout.delivered");
		var response = browser.get("/connect/logout?id_token_hint=" + first.idTokenValue()
				+ "&post_logout_redirect_uri=" + encode("http://127.0.0.1:9999/signed-out") + "&state=s-1");
		int stuckDeliveriesGivenUpWhenAnswered = stuckApp.requestsGivenUp();

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(Browser.location(response)).isEqualTo("http://127.0.0.1:9999/signed-out?state=s-1");
		// The stuck app never answers (5 s per attempt). The browser had its answer before the IdP gave up on any
		// delivery to it, and the stuck app still holds that first request now: the sign-out did not wait for it.
		String sid = first.idToken().getClaimAsString("sid");
		stuckApp.awaitToken(sid, "logout-client", 10);
		assertThat(stuckDeliveriesGivenUpWhenAnswered).as("deliveries to the stuck app given up before the answer")
			.isZero();
		assertThat(stuckApp.holdsOpenRequest()).as("the stuck app still holds its unanswered request").isTrue();

		String logoutToken = app.awaitToken(sid, "test-client", 10);
		assertThat(JWSObject.parse(logoutToken).getHeader().getType().toString()).isEqualTo("logout+jwt");
		Jwt claims = logoutTokens().decode(logoutToken);
		assertThat(claims.getIssuer().toString()).isEqualTo("http://localhost:9000");
		assertThat(claims.getAudience()).containsExactly("test-client");
		assertThat(claims.getSubject()).isEqualTo(first.idToken().getSubject());
		assertThat(claims.getClaimAsString("sid")).isEqualTo(first.idToken().getClaimAsString("sid"));
		assertThat(claims.getId()).isNotBlank();
		assertThat(claims.getIssuedAt()).isNotNull();
		assertThat(claims.getExpiresAt()).isAfter(Instant.now());
		assertThat(claims.getClaimAsMap("events")).containsOnlyKeys(BackChannelLogout.EVENT);
		assertThat(claims.getClaims()).doesNotContainKey("nonce");

		// the IdP session is over, and so are the grants made under it
		assertThat(Browser.location(browser.authorize(
				AuthorizationRequest.of("test-client", TEST_CLIENT_REDIRECT, "openid")))).endsWith("/login");
		assertThat(new TokenClient(this.port, "test-client", "test-secret").refresh(first.refreshToken()).status())
			.isEqualTo(400);
		// recorded once the app has answered, which is after it received the token
		assertThat(awaitAuditCount("test-client", "backchannel-logout.delivered", deliveredBefore + 1)).isTrue();
	}

	@Test
	void whenTheIdTokenHintIsFromTheSamePersonsOtherSessionThenThisSessionIsNotEnded() {
		String username = newUser();
		Browser laptop = new Browser(this.port);
		Browser phone = new Browser(this.port);
		signIn(laptop, "test-client", "test-secret", TEST_CLIENT_REDIRECT, username);
		SignedIn onPhone = signIn(phone, "test-client", "test-secret", TEST_CLIENT_REDIRECT, username);

		// The laptop presents the phone's ID token: the sid names another session of the same person.
		var response = laptop.get("/connect/logout?id_token_hint=" + onPhone.idTokenValue()
				+ "&post_logout_redirect_uri=" + encode("http://127.0.0.1:9999/signed-out"));

		// not tied to this session: the person is asked first (EndSessionTest), nothing ends yet
		assertThat(Browser.location(response)).contains("/signout");
		AuthorizationRequest again = AuthorizationRequest.of("test-client", TEST_CLIENT_REDIRECT, "openid");
		assertThat(Browser.location(laptop.authorize(again))).as("the laptop is still signed in")
			.startsWith(TEST_CLIENT_REDIRECT);
		assertThat(Browser.location(phone.authorize(again))).as("and so is the phone").startsWith(TEST_CLIENT_REDIRECT);
	}

	@Test
	void whenThePostLogoutRedirectUriIsNotRegisteredThenTheIdpNeverRedirectsThereButStillSignsOut() {
		Browser browser = new Browser(this.port);
		SignedIn signedIn = signIn(browser, "test-client", "test-secret", TEST_CLIENT_REDIRECT, newUser());

		var response = browser.get("/connect/logout?id_token_hint=" + signedIn.idTokenValue()
				+ "&post_logout_redirect_uri=" + encode("https://attacker.example/phish"));

		assertThat(Browser.location(response)).doesNotContain("attacker.example").contains("/signed-out");
		assertThat(Browser.location(browser.authorize(AuthorizationRequest.of("test-client", TEST_CLIENT_REDIRECT,
				"openid")))).endsWith("/login");
	}

	@Test
	void whenASessionExpiresThenItsAppsAreToldAtTheNextSweep() throws Exception {
		Browser browser = new Browser(this.port);
		SignedIn signedIn = signIn(browser, "test-client", "test-secret", TEST_CLIENT_REDIRECT, newUser());
		String userId = signedIn.idToken().getSubject();
		// what Spring Session's cleanup does to an expired session, without telling anyone
		this.jdbc.sql("DELETE FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ?").param(userId).update();

		this.ssoSessions.sweep(Instant.now().plusSeconds(1), Instant.EPOCH);

		String sid = signedIn.idToken().getClaimAsString("sid");
		Jwt claims = logoutTokens().decode(app.awaitToken(sid, "test-client", 10));
		assertThat(claims.getClaimAsString("sid")).isEqualTo(sid);
	}

	@Test
	void whenSignOutEverywhereIsUsedInOneBrowserThenTheOtherBrowserIsSignedOutToo() throws Exception {
		String username = newUser();
		Browser laptop = new Browser(this.port);
		Browser phone = new Browser(this.port);
		SignedIn onLaptop = signIn(laptop, "test-client", "test-secret", TEST_CLIENT_REDIRECT, username);
		phone.signIn(username, "a-long-password");
		String account = phone.get("/account").body();
		assertThat(account).contains("test-client").contains("this browser");

		var response = phone.post("/account/sessions/end-all", Map.of("_csrf", Browser.csrfToken(account)));

		assertThat(Browser.location(response)).endsWith("/login?logout");
		assertThat(Browser.location(laptop.get("/account"))).endsWith("/login");
		assertThat(Browser.location(phone.get("/account"))).endsWith("/login");
		String sid = onLaptop.idToken().getClaimAsString("sid");
		Jwt claims = logoutTokens().decode(app.awaitToken(sid, "test-client", 10));
		assertThat(claims.getClaimAsString("sid")).isEqualTo(sid);
	}

	@Test
	void whenAnAdminForcesSignOutThenTheUsersSessionsEndAndOthersMayNotDoIt() throws Exception {
		String username = newUser();
		Browser user = new Browser(this.port);
		SignedIn signedIn = signIn(user, "test-client", "test-secret", TEST_CLIENT_REDIRECT, username);
		String userId = this.accounts.findByUsername(username).orElseThrow().id();
		String sessionsPage = "/admin/users/" + userId + "/sessions";

		Browser alice = new Browser(this.port);
		alice.signIn("alice", "alice-password");
		assertThat(alice.get(sessionsPage).statusCode()).isEqualTo(403);

		Browser admin = new Browser(this.port);
		admin.signIn("admin", "admin-password");
		var page = admin.get(sessionsPage);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("test-client");

		var response = admin.post(sessionsPage + "/end-all", Map.of("_csrf", Browser.csrfToken(page.body())));

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(Browser.location(user.get("/account"))).endsWith("/login");
		app.awaitToken(signedIn.idToken().getClaimAsString("sid"), "test-client", 10);
		assertThat(admin.get(sessionsPage).body()).contains("Not signed in anywhere");
	}

	private SignedIn signIn(Browser browser, String clientId, String secret, String redirectUri, String username) {
		TokenClient.Response tokens = new CodeFlow(this.port, clientId, secret, redirectUri).tokens(browser,
				"openid profile", username, username.startsWith("user-") ? "a-long-password" : username + "-password");
		return new SignedIn(tokens.get("id_token"), jwks().decode(tokens.get("id_token")), tokens.get("refresh_token"));
	}

	private String newUser() {
		String username = "user-" + System.nanoTime();
		this.accounts.create(username, null, "Test User", "{bcrypt}" + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4).encode("a-long-password"),
				java.util.Set.of("USER"));
		return username;
	}

	private boolean awaitAuditCount(String target, String action, long count) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(10);
		while (auditCount(target, action) < count && Instant.now().isBefore(deadline)) {
			Thread.sleep(50);
		}
		return auditCount(target, action) >= count;
	}

	private long auditCount(String target, String action) {
		return this.jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE target = ? AND action = ?")
			.params(target, action)
			.query(Long.class)
			.single();
	}

	private NimbusJwtDecoder jwks() {
		return NimbusJwtDecoder.withJwkSetUri("http://localhost:" + this.port + "/oauth2/jwks").build();
	}

	/** Logout tokens are typed {@code logout+jwt} (Back-Channel Logout 1.0, section 2.4). */
	private NimbusJwtDecoder logoutTokens() {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri("http://localhost:" + this.port + "/oauth2/jwks")
			.validateType(false)
			.jwtProcessorCustomizer((processor) -> processor
				.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("logout+jwt"))))
			.build();
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
				new JwtTypeValidator("logout+jwt")));
		return decoder;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private record SignedIn(String idTokenValue, Jwt idToken, String refreshToken) {
	}

}
