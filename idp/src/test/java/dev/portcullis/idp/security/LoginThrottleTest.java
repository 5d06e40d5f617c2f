package dev.portcullis.idp.security;

import java.time.Duration;
import java.time.Instant;

import dev.portcullis.idp.support.Databases;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The counting rules of the sign-in throttle, on the real schema (H2). */
class LoginThrottleTest {

	private final JdbcClient jdbc = JdbcClient.create(Databases.h2());

	private final LoginThrottle throttle = new LoginThrottle(this.jdbc,
			new LoginThrottleProperties(3, 5, Duration.ofMinutes(1), Duration.ofMinutes(4), Duration.ofMinutes(15)));

	@Test
	void whenAUsernameFailsUpToTheLimitThenItIsLockedAndOnlyIt() {
		this.throttle.failed("Carol", "10.0.0.1");
		this.throttle.failed("carol", "10.0.0.2");
		assertThat(this.throttle.lockedUntil("carol", "10.0.0.3")).isNull();

		this.throttle.failed("CAROL", "10.0.0.3");

		Instant until = this.throttle.lockedUntil("carol", "10.0.0.9");
		assertThat(until).isBetween(Instant.now().plusSeconds(50), Instant.now().plusSeconds(61));
		assertThat(this.throttle.lockedUntil("dave", "10.0.0.9")).isNull();
	}

	@Test
	void whenFailuresGoOnThenTheLockDoublesUpToTheMaximum() {
		for (int i = 0; i < 4; i++) {
			this.throttle.failed("erin", "10.0.1." + i);
		}
		assertThat(this.throttle.lockedUntil("erin", "10.0.9.9")).isAfter(Instant.now().plusSeconds(110));
		for (int i = 0; i < 10; i++) {
			this.throttle.failed("erin", "10.0.2." + i);
		}
		assertThat(this.throttle.lockedUntil("erin", "10.0.9.9")).isBefore(Instant.now().plusSeconds(241));
	}

	@Test
	void whenOneAddressGuessesManyUsernamesThenTheAddressIsLocked() {
		for (int i = 0; i < 5; i++) {
			this.throttle.failed("user" + i, "192.0.2.7");
		}

		assertThat(this.throttle.lockedUntil("someone-else", "192.0.2.7")).isNotNull();
		assertThat(this.throttle.lockedUntil("someone-else", "192.0.2.8")).isNull();
	}

	@Test
	void whenTheAccountSignsInThenItsCountStartsAgain() {
		this.throttle.failed("frank", "10.0.3.1");
		this.throttle.failed("frank", "10.0.3.1");

		this.throttle.succeeded("frank");
		this.throttle.failed("frank", "10.0.3.1");

		assertThat(this.throttle.lockedUntil("frank", "10.0.3.2")).isNull();
	}

}
