package dev.portcullis.idp.mfa;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.MutableClock;
import dev.portcullis.idp.users.UserAccountRepository;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adding or removing a factor asks for the password again when it was given more than
 * {@code portcullis.mfa.reauthenticate-after} (5 minutes) ago ({@link SecondFactorPolicy#recentSignIn}). The
 * policy's clock is the test's, moved by hand: no waiting.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test" })
@Import(ReauthenticationBeforeFactorChangesTest.Clocks.class)
class ReauthenticationBeforeFactorChangesTest {

	private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

	@LocalServerPort
	int port;

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	MutableClock clock;

	@Test
	void whenThePasswordWasGivenMoreThanFiveMinutesAgoThenAddingAFactorAsksForItAgainAndThenGoesOn() {
		SecondFactorJourney dora = SecondFactorJourney.newPerson(this.port, this.accounts, this.passwordEncoder,
				Set.of("USER"));
		Instant before = Instant.now();
		dora.signInWithPassword();
		Instant after = Instant.now(); // the password's time lies between the two
		this.clock.set(before.plus(FIVE_MINUTES));
		assertThat(dora.browser.get("/account/authenticator").statusCode()).as("just within 5 minutes").isEqualTo(200);

		this.clock.set(after.plus(FIVE_MINUTES).plusMillis(1));
		HttpResponse<String> asked = dora.browser.get("/account/authenticator");

		assertThat(Browser.location(asked)).contains("/login").contains("factor.reason=expired");
		assertThat(dora.browser.get(Browser.location(asked)).body()).contains("id=\"confirm-password\"");
		assertThat(dora.browser.get("/account").statusCode()).as("the rest of the account stays open").isEqualTo(200);

		Instant givenAgain = Instant.now(); // the new password's time is after this
		dora.signInWithPassword();
		this.clock.set(givenAgain.plus(FIVE_MINUTES));
		assertThat(dora.browser.get("/account/authenticator").statusCode()).isEqualTo(200);
		dora.addAuthenticatorApp("phone");
		assertThat(dora.browser.get("/account").body()).contains("phone");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		MutableClock clock() {
			return new MutableClock(Instant.now());
		}

	}

}
