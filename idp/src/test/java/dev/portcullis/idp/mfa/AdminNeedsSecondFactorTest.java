package dev.portcullis.idp.mfa;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.users.UserAccountRepository;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admins need a second factor for the console ({@code portcullis.mfa.admins-require-second-factor}, on everywhere
 * but in the demo profile, which every other test runs with): an admin without one is sent to add one first and
 * then reaches the page they asked for. An admin removes a person's factors (lost phone), audited.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "portcullis.mfa.admins-require-second-factor=true")
@ActiveProfiles({ "demo", "test" })
class AdminNeedsSecondFactorTest {

	@LocalServerPort
	int port;

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	JdbcClient jdbc;

	@Test
	void whenAnAdminWithoutASecondFactorOpensTheConsoleThenTheyAddOneFirstAndThenReachIt() {
		SecondFactorJourney ada = SecondFactorJourney.newPerson(this.port, this.accounts, this.passwordEncoder,
				Set.of("USER", "ADMIN"));
		ada.signInWithPassword();

		HttpResponse<String> console = ada.browser.get("/admin/clients");
		assertThat(Browser.location(console)).contains("/login/second-factor");
		assertThat(Browser.location(ada.browser.get(Browser.location(console)))).endsWith("/account/authenticator?required");
		assertThat(ada.browser.get("/admin/users").statusCode()).as("still refused").isEqualTo(302);

		SecondFactorJourney.AddedApp added = ada.addAuthenticatorApp("phone");
		assertThat(added.response().body()).as("continues to the last page asked for").contains("/admin/users");
		assertThat(ada.browser.get("/admin/clients").statusCode()).isEqualTo(200);
	}

	@Test
	void whenAnAdminWithAFactorSignsInWithThePasswordOnlyThenTheConsoleAsksForTheCode() {
		SecondFactorJourney ada = SecondFactorJourney.newPerson(this.port, this.accounts, this.passwordEncoder,
				Set.of("USER", "ADMIN"));
		ada.signInWithPassword();
		Authenticator app = ada.addAuthenticatorApp("phone").app();
		SecondFactorJourney elsewhere = ada.inAnotherBrowser();
		elsewhere.signInWithPassword();
		assertThat(Browser.location(elsewhere.browser.get("/admin/users"))).contains("/login/second-factor");

		assertThat(elsewhere.secondStep(app.nextCode())).contains("/admin/users");
		assertThat(elsewhere.browser.get("/admin/users").statusCode()).isEqualTo(200);
	}

	@Test
	void whenAnAdminRemovesAPersonsFactorsThenThePersonSignsInWithThePasswordAloneAndItIsAudited() {
		SecondFactorJourney dora = SecondFactorJourney.newPerson(this.port, this.accounts, this.passwordEncoder,
				Set.of("USER"));
		dora.signInWithPassword();
		dora.addAuthenticatorApp("lost phone");
		SecondFactorJourney ada = SecondFactorJourney.newPerson(this.port, this.accounts, this.passwordEncoder,
				Set.of("USER", "ADMIN"));
		ada.signInWithPassword();
		ada.addAuthenticatorApp("phone");

		HttpResponse<String> page = ada.browser.get("/admin/users/" + dora.accountId + "/second-factors");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("lost phone").contains("Authenticator app").doesNotContain("secret");
		HttpResponse<String> removed = ada.browser.post("/admin/users/" + dora.accountId + "/second-factors/remove-all",
				Map.of("_csrf", Browser.csrfToken(page.body())));
		assertThat(Browser.location(removed)).endsWith("/second-factors");
		assertThat(ada.browser.get("/admin/users/" + dora.accountId + "/second-factors").body())
			.contains("No second factor");

		SecondFactorJourney doraAgain = dora.inAnotherBrowser();
		doraAgain.signInWithPassword();
		assertThat(doraAgain.browser.get("/account").statusCode()).isEqualTo(200);
		assertThat(this.jdbc.sql("SELECT actor FROM audit_events WHERE target = ? AND action = 'mfa.removed'")
			.param(dora.accountId)
			.query(String.class)
			.list()).containsExactly(ada.accountId);
	}

	@Test
	void whenTheAdminRemovesAnUnknownFactorThenTheAnswerIs404AndNothingChanges() {
		SecondFactorJourney ada = SecondFactorJourney.newPerson(this.port, this.accounts, this.passwordEncoder,
				Set.of("USER", "ADMIN"));
		ada.signInWithPassword();
		ada.addAuthenticatorApp("phone");
		HttpResponse<String> page = ada.browser.get("/admin/users/" + ada.accountId + "/second-factors");

		HttpResponse<String> response = ada.browser.post(
				"/admin/users/" + ada.accountId + "/second-factors/no-such-factor/remove",
				Map.of("_csrf", Browser.csrfToken(page.body())));

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).doesNotContain("Exception");
		assertThat(ada.browser.get("/admin/users/" + ada.accountId + "/second-factors").body()).contains("phone");
	}

}
