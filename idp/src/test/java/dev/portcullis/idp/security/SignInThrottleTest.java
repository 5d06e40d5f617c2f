package dev.portcullis.idp.security;

import java.util.Set;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.users.UserAccountRepository;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** Brute force at the sign-in form: after five wrong passwords even the right one has to wait. */
@IdpTest
class SignInThrottleTest {

	@LocalServerPort
	int port;

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Test
	void whenAPasswordIsGuessedFiveTimesThenTheAccountWaitsEvenForTheRightPassword() {
		String username = "grace-" + System.nanoTime();
		this.accounts.create(username, null, "Grace", this.passwordEncoder.encode("right-password"),
				Set.of("USER"));
		Browser browser = new Browser(this.port);
		for (int i = 0; i < 5; i++) {
			assertThat(Browser.location(browser.signIn(username, "guess-" + i))).endsWith("/login?error");
		}

		var attempt = browser.signIn(username, "right-password");

		assertThat(Browser.location(attempt)).endsWith("/login?locked");
		assertThat(browser.get("/login?locked").body()).contains("Too many failed sign-ins");
		assertThat(Browser.location(browser.get("/account"))).endsWith("/login");
	}

	@Test
	void whenTheUsernameDoesNotExistThenItIsThrottledTheSameWay() {
		String username = "nobody-" + System.nanoTime();
		Browser browser = new Browser(this.port);
		for (int i = 0; i < 5; i++) {
			browser.signIn(username, "guess-" + i);
		}

		assertThat(Browser.location(browser.signIn(username, "guess-5"))).endsWith("/login?locked");
	}

}
