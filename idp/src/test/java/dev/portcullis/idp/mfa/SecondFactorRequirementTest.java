package dev.portcullis.idp.mfa;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;

import dev.portcullis.idp.admin.AdminConsole;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.users.UserAccountRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When an app gets a second factor: an app that requires one ({@code mfa-client}, declared with
 * {@code portcullis.clients.second-factor-required}) and an app's {@code acr_values} asking for
 * {@code urn:portcullis:acr:mfa} (step-up on a signed-in session, without signing in again). A person without a
 * factor is sent to add one and then goes on to the app.
 */
@IdpTest
class SecondFactorRequirementTest {

	private static final String MFA_CALLBACK = "http://127.0.0.1:9999/mfa-callback";

	private static final String CALLBACK = "http://127.0.0.1:9999/callback";

	@LocalServerPort
	int port;

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	private SecondFactorJourney dora;

	@BeforeEach
	void newPerson() {
		this.dora = SecondFactorJourney.newPerson(this.port, this.accounts, this.passwordEncoder, Set.of("USER"));
	}

	@Test
	void whenAnAppRequiresASecondFactorAndThePersonHasNoneThenTheyAddOneAndGoOnToTheAppWithAmrOtp() {
		this.dora.signInWithPassword();
		AuthorizationRequest request = AuthorizationRequest.of("mfa-client", MFA_CALLBACK, "openid");

		HttpResponse<String> response = this.dora.authorize(request);
		assertThat(Browser.location(response)).startsWith(this.dora.baseUrl() + "/login/second-factor");
		HttpResponse<String> page = this.dora.browser.get(Browser.location(response));
		assertThat(Browser.location(page)).endsWith("/account/authenticator?required");
		assertThat(this.dora.browser.get("/account/authenticator?required").body())
			.contains("You need a second factor to continue");

		SecondFactorJourney.AddedApp added = this.dora.addAuthenticatorApp("phone");
		assertThat(added.recoveryCodes()).hasSize(10);
		String next = continueLink(added.response().body());
		assertThat(next).contains("/oauth2/authorize").contains("client_id=mfa-client");

		HttpResponse<String> toTheApp = this.dora.browser.get(next);
		while (Browser.location(toTheApp).startsWith(this.dora.baseUrl() + "/oauth2/authorize")) {
			toTheApp = this.dora.browser.get(Browser.location(toTheApp));
		}
		Jwt idToken = this.dora.idToken(request, toTheApp, "mfa-client", "mfa-secret");
		assertThat(idToken.getClaimAsStringList("amr")).containsExactly("pwd", "otp", "mfa");
		assertThat(idToken.getClaimAsString("acr")).isEqualTo(SignInFactors.ACR_MFA);
	}

	@Test
	void whenAnAppRequiresASecondFactorAndThePersonHasOneThenTheyAreAskedForItAndGoOn() {
		this.dora.signInWithPassword();
		Authenticator app = this.dora.addAuthenticatorApp("phone").app();
		SecondFactorJourney elsewhere = this.dora.inAnotherBrowser();
		elsewhere.signInWithPassword();
		AuthorizationRequest request = AuthorizationRequest.of("mfa-client", MFA_CALLBACK, "openid");
		assertThat(Browser.location(elsewhere.authorize(request))).contains("/login/second-factor");

		String afterCode = elsewhere.secondStep(app.nextCode());

		assertThat(afterCode).contains("/oauth2/authorize").contains("client_id=mfa-client");
		Jwt idToken = elsewhere.idToken(request, elsewhere.browser.authorize(request), "mfa-client", "mfa-secret");
		assertThat(idToken.getClaimAsStringList("amr")).contains("otp", "mfa");
	}

	@Test
	void whenAnAdminSwitchesTheRequirementOnInTheConsoleThenAPasswordOnlySignInIsStoppedForTheSecondFactor() {
		String callback = "http://127.0.0.1:9999/switched-on";
		AdminConsole console = AdminConsole.admin(this.port);
		Map<String, String> form = AdminConsole.app("Switched on", "switched-on", callback);
		String secret = AdminConsole.text(console.post("/admin/clients", form).body(), "client-secret");
		this.dora.signInWithPassword();
		AuthorizationRequest before = AuthorizationRequest.of("switched-on", callback, "openid");
		assertThat(Browser.location(this.dora.authorize(before))).as("not required yet").startsWith(callback);

		form.put("secondFactorRequired", "true");
		assertThat(console.post("/admin/clients/switched-on", form).statusCode()).isEqualTo(302);

		AuthorizationRequest after = AuthorizationRequest.of("switched-on", callback, "openid");
		HttpResponse<String> stopped = this.dora.authorize(after);
		assertThat(Browser.location(stopped)).startsWith(this.dora.baseUrl() + "/login/second-factor");
		assertThat(Browser.location(this.dora.browser.get(Browser.location(stopped))))
			.endsWith("/account/authenticator?required");
		this.dora.addAuthenticatorApp("phone");
		Jwt idToken = this.dora.idToken(after, this.dora.authorize(after), "switched-on", secret);
		assertThat(idToken.getClaimAsStringList("amr")).containsExactly("pwd", "otp", "mfa");
	}

	@Test
	void whenAnAppDoesNotRequireOneThenAPersonWithoutAFactorGoesStraightThrough() {
		this.dora.signInWithPassword();
		AuthorizationRequest request = AuthorizationRequest.of("test-client", CALLBACK, "openid");

		HttpResponse<String> response = this.dora.authorize(request);

		assertThat(Browser.location(response)).startsWith(CALLBACK);
	}

	@Test
	void whenAnAppSendsAcrValuesMfaOnAPasswordOnlySessionThenTheSecondFactorIsAskedWithoutSigningInAgain() {
		// Signed in with a password only: the factor was added in another browser afterwards.
		this.dora.signInWithPassword();
		AuthorizationRequest first = AuthorizationRequest.of("test-client", CALLBACK, "openid");
		Jwt before = this.dora.idToken(first, this.dora.authorize(first), "test-client", "test-secret");
		assertThat(before.getClaimAsString("acr")).isEqualTo(SignInFactors.ACR_PASSWORD);
		SecondFactorJourney phone = this.dora.inAnotherBrowser();
		phone.signInWithPassword();
		Authenticator app = phone.addAuthenticatorApp("phone").app();
		AuthorizationRequest stepUp = AuthorizationRequest.of("test-client", CALLBACK, "openid")
			.with("acr_values", SignInFactors.ACR_MFA);

		HttpResponse<String> asked = this.dora.authorize(stepUp);
		assertThat(Browser.location(asked)).contains("/login/second-factor").doesNotContain("/login?");
		String afterCode = this.dora.secondStep(app.nextCode());
		assertThat(afterCode).contains("/oauth2/authorize").contains("acr_values=");
		Jwt after = this.dora.idToken(stepUp, this.dora.browser.authorize(stepUp), "test-client", "test-secret");

		assertThat(after.getClaimAsString("acr")).isEqualTo(SignInFactors.ACR_MFA);
		assertThat(after.getClaimAsStringList("amr")).containsExactly("pwd", "otp", "mfa");
		assertThat(after.getClaimAsInstant("auth_time")).as("the password's time: not signed in again")
			.isEqualTo(before.getClaimAsInstant("auth_time"));
	}

	@Test
	void whenAcrValuesAsksForMfaWithPromptNoneThenTheAppGetsInteractionRequired() {
		this.dora.signInWithPassword();
		AuthorizationRequest silent = AuthorizationRequest.of("test-client", CALLBACK, "openid")
			.with("acr_values", SignInFactors.ACR_MFA)
			.with("prompt", "none");

		HttpResponse<String> response = this.dora.authorize(silent);

		assertThat(Browser.location(response)).startsWith(CALLBACK);
		assertThat(Browser.redirectQuery(response)).containsEntry("error", "interaction_required")
			.containsEntry("state", silent.state())
			.doesNotContainKey("code");
	}

	@Test
	void whenAcrValuesNamesOnlyTheOneFactorAcrThenAPasswordIsEnough() {
		this.dora.signInWithPassword();
		AuthorizationRequest request = AuthorizationRequest.of("test-client", CALLBACK, "openid")
			.with("acr_values", SignInFactors.ACR_PASSWORD);

		assertThat(Browser.location(this.dora.authorize(request))).startsWith(CALLBACK);
	}

	@Test
	void whenDiscoveryIsReadThenItListsTheAcrValuesItSupports() {
		String discovery = new Browser(this.port).get("/.well-known/openid-configuration").body();

		assertThat(discovery).contains("\"acr_values_supported\":[\"urn:portcullis:acr:pwd\",\"urn:portcullis:acr:mfa\"]");
	}

	private static String continueLink(String html) {
		int id = html.indexOf("id=\"continue\"");
		int href = html.indexOf("href=\"", id) + "href=\"".length();
		return html.substring(href, html.indexOf('"', href)).replace("&amp;", "&");
	}

}
