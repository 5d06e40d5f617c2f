package dev.portcullis.idp.mfa;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.users.UserAccountRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authenticator apps (TOTP): added from the account page with a code computed from the secret the page shows, then
 * asked for after the password at every sign-in, before any app lets the person in. Wrong, reused and old codes
 * are refused, recovery codes work once each, and the ID token says what was used ({@code amr}, {@code acr}).
 */
@IdpTest
class AuthenticatorAppSignInTest {

	@LocalServerPort
	int port;

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	JdbcClient jdbc;

	private SecondFactorJourney dora;

	@BeforeEach
	void newPerson() {
		this.dora = SecondFactorJourney.newPerson(this.port, this.accounts, this.passwordEncoder, Set.of("USER"));
	}

	@Test
	void whenAPersonAddsAnAuthenticatorAppThenItIsListedWithTenRecoveryCodesShownOnceAndTheSecretSealed() {
		this.dora.signInWithPassword();

		SecondFactorJourney.AddedApp added = this.dora.addAuthenticatorApp("Dora's phone");

		assertThat(added.response().statusCode()).isEqualTo(200);
		assertThat(added.recoveryCodes()).hasSize(10).doesNotHaveDuplicates();
		String account = this.dora.browser.get("/account").body();
		assertThat(account).contains("Dora&#39;s phone").contains("Authenticator app").contains("10 of 10 recovery codes left");
		assertThat(account).doesNotContain(added.recoveryCodes().get(0));
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE target = ? AND action = 'mfa.added'")
			.param(this.dora.accountId)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void whenThePersonSignsInAgainThenTheyAreAskedForACodeAfterThePasswordAndAreInWithIt() {
		this.dora.signInWithPassword();
		Authenticator app = this.dora.addAuthenticatorApp("phone").app();
		SecondFactorJourney elsewhere = this.dora.inAnotherBrowser();

		elsewhere.signInWithPassword();
		assertThat(Browser.location(elsewhere.browser.get("/account"))).contains("/login/second-factor");

		assertThat(elsewhere.secondStep(app.nextCode())).as("back to the page asked for").contains("/account");
		assertThat(elsewhere.browser.get("/account").statusCode()).isEqualTo(200);
	}

	@Test
	void whenTheCodeIsWrongThenThePersonStaysAtTheSecondStepAndNoAppLetsThemIn() {
		this.dora.signInWithPassword();
		this.dora.addAuthenticatorApp("phone");
		SecondFactorJourney elsewhere = this.dora.inAnotherBrowser();
		elsewhere.signInWithPassword();

		assertThat(elsewhere.secondStep("000000")).endsWith("/login/second-factor?error");
		assertThat(elsewhere.browser.get("/login/second-factor?error").body()).contains("That code is not right");

		AuthorizationRequest request = AuthorizationRequest.of("test-client", "http://127.0.0.1:9999/callback",
				"openid");
		HttpResponse<String> response = elsewhere.authorize(request);
		assertThat(Browser.location(response)).startsWith(elsewhere.baseUrl() + "/login/second-factor");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE target = ? AND action = 'mfa.failed'")
			.param(this.dora.accountId)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void whenACodeWasUsedAlreadyOrIsOldThenItIsRefused() {
		this.dora.signInWithPassword();
		Authenticator app = this.dora.addAuthenticatorApp("phone").app(); // used app.code()
		SecondFactorJourney elsewhere = this.dora.inAnotherBrowser();
		elsewhere.signInWithPassword();

		assertThat(elsewhere.secondStep(app.code())).as("the code that confirmed the app").endsWith("?error");
		assertThat(elsewhere.secondStep(app.oldCode())).endsWith("?error");
		assertThat(elsewhere.secondStep(app.nextCode())).endsWith("/account");

		SecondFactorJourney third = this.dora.inAnotherBrowser();
		third.signInWithPassword();
		assertThat(third.secondStep(app.nextCode())).as("the same code in another browser").endsWith("?error");
	}

	@Test
	void whenARecoveryCodeIsUsedThenItSignsInOnceAndNotTwice() {
		this.dora.signInWithPassword();
		List<String> codes = this.dora.addAuthenticatorApp("phone").recoveryCodes();
		SecondFactorJourney lostPhone = this.dora.inAnotherBrowser();
		lostPhone.signInWithPassword();

		assertThat(lostPhone.secondStep(codes.get(3).toUpperCase().replace("-", " "))).endsWith("/account");
		assertThat(lostPhone.browser.get("/account").body()).contains("9 of 10 recovery codes left");

		SecondFactorJourney again = this.dora.inAnotherBrowser();
		again.signInWithPassword();
		assertThat(again.secondStep(codes.get(3))).endsWith("?error");
		assertThat(again.secondStep(codes.get(4))).endsWith("/account");
	}

	@Test
	void whenSignedInWithPasswordAndCodeThenTheIdTokenSaysPwdOtpMfaAndTheAcrOfTwoFactors() {
		this.dora.signInWithPassword();
		Authenticator app = this.dora.addAuthenticatorApp("phone").app();
		SecondFactorJourney elsewhere = this.dora.inAnotherBrowser();
		Instant beforePassword = Instant.now().minusSeconds(1);
		elsewhere.signInWithPassword();
		elsewhere.secondStep(app.nextCode());
		AuthorizationRequest request = AuthorizationRequest.of("test-client", "http://127.0.0.1:9999/callback",
				"openid");

		Jwt idToken = elsewhere.idToken(request, elsewhere.authorize(request), "test-client", "test-secret");

		assertThat(idToken.getClaimAsStringList("amr")).containsExactly("pwd", "otp", "mfa");
		assertThat(idToken.getClaimAsString("acr")).isEqualTo(SignInFactors.ACR_MFA);
		assertThat(idToken.getClaimAsInstant("auth_time")).isAfter(beforePassword);
	}

	@Test
	void whenSignedInWithAPasswordOnlyThenTheIdTokenSaysPwdAndTheAcrOfOneFactor() {
		this.dora.signInWithPassword();
		AuthorizationRequest request = AuthorizationRequest.of("test-client", "http://127.0.0.1:9999/callback",
				"openid");

		Jwt idToken = this.dora.idToken(request, this.dora.authorize(request), "test-client", "test-secret");

		assertThat(idToken.getClaimAsStringList("amr")).containsExactly("pwd");
		assertThat(idToken.getClaimAsString("acr")).isEqualTo(SignInFactors.ACR_PASSWORD);
	}

	@Test
	void whenTheSecondStepIsPostedWithoutItsCsrfTokenOrWithoutSigningInThenNothingIsChecked() {
		assertThat(Browser.location(this.dora.browser.post("/login/second-factor", java.util.Map.of("code", "123456"))))
			.as("not signed in").doesNotEndWith("/account");
		this.dora.signInWithPassword();
		assertThat(this.dora.browser.post("/login/second-factor", java.util.Map.of("code", "123456")).statusCode())
			.isEqualTo(403);
	}

	@Test
	void whenTheNewPagesAreReadThenEveryFieldHasALabelAndEveryFormAButtonSoTheyWorkByKeyboard() {
		this.dora.signInWithPassword();
		String setup = this.dora.browser.get("/account/authenticator").body();
		Authenticator app = this.dora.addAuthenticatorApp("phone").app();
		SecondFactorJourney elsewhere = this.dora.inAnotherBrowser();
		elsewhere.signInWithPassword();
		String secondStep = elsewhere.browser.get("/login/second-factor").body();

		for (String page : List.of(setup, secondStep)) {
			java.util.regex.Matcher input = java.util.regex.Pattern.compile("<input id=\"([^\"]+)\"").matcher(page);
			int fields = 0;
			while (input.find()) {
				fields++;
				assertThat(page).as("label of #" + input.group(1)).contains("<label for=\"" + input.group(1) + "\"");
			}
			assertThat(fields).isPositive();
			assertThat(page).contains("type=\"submit\"").doesNotContain("<script").doesNotContain("tabindex=\"-");
		}
		assertThat(secondStep).contains("autofocus").contains("autocomplete=\"one-time-code\"");
		assertThat(elsewhere.secondStep(app.nextCode())).endsWith("/account");
	}

}
