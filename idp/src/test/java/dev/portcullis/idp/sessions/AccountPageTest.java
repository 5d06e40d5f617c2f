package dev.portcullis.idp.sessions;

import java.util.Map;
import java.util.Set;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.users.UserAccountRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** The account page: who you are, where you are signed in, and your password. */
@IdpTest
class AccountPageTest {

	@LocalServerPort
	int port;

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	private String username;

	private Browser browser;

	@BeforeEach
	void signIn() {
		this.username = "carol-" + System.nanoTime();
		this.accounts.create(this.username, null, "Carol <script>alert(1)</script>",
				this.passwordEncoder.encode("first-password"), Set.of("USER"));
		this.browser = new Browser(this.port);
		this.browser.signIn(this.username, "first-password");
	}

	@Test
	void whenSignedInThenTheAccountPageShowsTheProfileEscapedAndThisSession() {
		String page = this.browser.get("/account").body();

		assertThat(page).contains("Carol &lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert");
		assertThat(page).contains(this.username).contains("this browser");
	}

	@Test
	void whenTheCurrentPasswordIsWrongThenNothingChanges() {
		String hashBefore = this.accounts.findByUsername(this.username).orElseThrow().passwordHash();

		String page = changePassword("not-my-password", "second-password", "second-password");

		assertThat(page).contains("Your current password is not correct.");
		assertThat(this.accounts.findByUsername(this.username).orElseThrow().passwordHash()).isEqualTo(hashBefore);
	}

	@Test
	void whenTheNewPasswordIsTooShortOrUnconfirmedThenItIsRefused() {
		assertThat(changePassword("first-password", "short", "short")).contains("at least 12 characters");
		assertThat(changePassword("first-password", "second-password", "other-password"))
			.contains("confirmation differ");
		assertThat(new Browser(this.port).signIn(this.username, "first-password").headers()
			.firstValue("Location")
			.orElse("")).doesNotContain("error");
	}

	@Test
	void whenTheNewPasswordIsCommonThenItIsRefusedSayingWhyAndNothingChanges() {
		String hashBefore = this.accounts.findByUsername(this.username).orElseThrow().passwordHash();

		assertThat(changePassword("first-password", "password1234", "password1234"))
			.contains("This password is too easy to guess. This is a very common password.");

		assertThat(this.accounts.findByUsername(this.username).orElseThrow().passwordHash()).isEqualTo(hashBefore);
	}

	@Test
	void whenThePasswordIsChangedThenOnlyTheNewOneSignsIn() {
		assertThat(changePassword("first-password", "second-password", "second-password"))
			.contains("Your password has been changed.");

		assertThat(Browser.location(new Browser(this.port).signIn(this.username, "first-password")))
			.endsWith("/login?error");
		assertThat(Browser.location(new Browser(this.port).signIn(this.username, "second-password")))
			.doesNotContain("error");
	}

	@Test
	void whenThePasswordIsChangedThenTheOtherSessionsEndAndThisOneStays() {
		Browser elsewhere = new Browser(this.port);
		elsewhere.signIn(this.username, "first-password");
		assertThat(elsewhere.get("/account").statusCode()).isEqualTo(200);

		changePassword("first-password", "second-password", "second-password");

		assertThat(Browser.location(elsewhere.get("/account"))).endsWith("/login");
		assertThat(this.browser.get("/account").statusCode()).isEqualTo(200);
	}

	@Test
	void whenTheCurrentPasswordIsGuessedFiveTimesThenEvenTheRightOneWaits() {
		String hashBefore = this.accounts.findByUsername(this.username).orElseThrow().passwordHash();
		for (int i = 0; i < 5; i++) {
			assertThat(changePassword("guess-" + i, "second-password", "second-password"))
				.contains("Your current password is not correct.");
		}

		String page = changePassword("first-password", "second-password", "second-password");

		assertThat(page).contains("Too many wrong passwords").doesNotContain("Your password has been changed.");
		assertThat(this.accounts.findByUsername(this.username).orElseThrow().passwordHash()).isEqualTo(hashBefore);
	}

	@Test
	void whenThePasswordFormIsPostedWithoutCsrfThenItIsRefused() {
		var response = this.browser.post("/account/password", Map.of("currentPassword", "first-password",
				"newPassword", "second-password", "confirmation", "second-password"));

		assertThat(response.statusCode()).isEqualTo(403);
	}

	private String changePassword(String current, String newPassword, String confirmation) {
		String csrf = Browser.csrfToken(this.browser.get("/account").body());
		var response = this.browser.post("/account/password", Map.of("_csrf", csrf, "currentPassword", current,
				"newPassword", newPassword, "confirmation", confirmation));
		assertThat(response.statusCode()).isEqualTo(302);
		return this.browser.get(Browser.location(response)).body();
	}

}
