package dev.portcullis.idp.security;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.security.LoginThrottle.Kind;
import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.users.UserAccount;
import dev.portcullis.idp.users.UserAccountRepository;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Brute force at the sign-in form, over HTTP through the "proxy" (the test names the client address in
 * X-Forwarded-For, as nginx does): after five attempts even the right password has to wait, bursts get no more
 * password checks than the limit, forged addresses are counted, and a browser that signed in before is not
 * locked out by guesses from elsewhere.
 */
@IdpTest
class SignInThrottleTest {

	@LocalServerPort
	int port;

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditLog auditLog;

	@Test
	void whenAPasswordIsGuessedFiveTimesThenTheAccountWaitsEvenForTheRightPassword() {
		String username = newAccount("grace").username();
		Browser browser = browserAt(address());
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
		Browser browser = browserAt(address());
		for (int i = 0; i < 5; i++) {
			browser.signIn(username, "guess-" + i);
		}

		assertThat(Browser.location(browser.signIn(username, "guess-5"))).endsWith("/login?locked");
	}

	@Test
	void whenTheForwardedAddressHas250CharactersThenTheAnswerIsNo500AndEveryAttemptIsCounted() {
		String username = newAccount("heidi").username();
		String forged = "9".repeat(250);
		Browser browser = browserAt(forged);
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> attempt = browser.signIn(username, "guess-" + i);
			assertThat(attempt.statusCode()).isEqualTo(302);
			assertThat(Browser.location(attempt)).endsWith("/login?error");
		}

		assertThat(Browser.location(browser.signIn(username, "right-password"))).endsWith("/login?locked");
		assertThat(attempts(Kind.ADDRESS, forged)).isEqualTo(6);
	}

	@Test
	void whenFiftyWrongPasswordsComeAtOnceFromOneAddressThenFiftyAreCounted() throws Exception {
		String address = address();
		List<Browser> browsers = new ArrayList<>();
		List<String> csrf = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			Browser browser = browserAt(address);
			browsers.add(browser);
			csrf.add(Browser.csrfToken(browser.get("/login").body()));
		}

		List<String> answers = LoginThrottleTest.concurrently(50, new java.util.concurrent.Callable<>() {
			private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

			@Override
			public String call() {
				int i = this.next.getAndIncrement();
				return Browser.location(browsers.get(i).post("/login", Map.of("username", "burst-" + i + "-" + address,
						"password", "wrong", "_csrf", csrf.get(i))));
			}
		});

		assertThat(answers).allSatisfy((location) -> assertThat(location).endsWith("/login?error"));
		assertThat(attempts(Kind.ADDRESS, address)).isEqualTo(50);
	}

	@Test
	void whenFiftyGuessesAtOneUsernameComeAtOnceThenOnlyFivePasswordsAreChecked() throws Exception {
		UserAccount account = newAccount("ivan");
		List<Browser> browsers = new ArrayList<>();
		List<String> csrf = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			Browser browser = browserAt(address());
			browsers.add(browser);
			csrf.add(Browser.csrfToken(browser.get("/login").body()));
		}

		List<String> answers = LoginThrottleTest.concurrently(50, new java.util.concurrent.Callable<>() {
			private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

			@Override
			public String call() {
				int i = this.next.getAndIncrement();
				return Browser.location(browsers.get(i).post("/login",
						Map.of("username", account.username(), "password", "wrong-" + i, "_csrf", csrf.get(i))));
			}
		});

		assertThat(answers.stream().filter((location) -> location.endsWith("/login?error"))).hasSize(5);
		assertThat(answers.stream().filter((location) -> location.endsWith("/login?locked"))).hasSize(45);
		assertThat(this.auditLog.forTarget(account.id(), 100)
			.stream()
			.filter((event) -> "wrong username or password".equals(event.details()))).hasSize(5);
	}

	@Test
	void whenAUsernameIsLockedFromElsewhereThenTheBrowserItSignedInFromBeforeStillGetsIn() {
		UserAccount account = newAccount("judy");
		Browser known = browserAt(address());
		assertThat(Browser.location(known.signIn(account.username(), "right-password"))).doesNotContain("/login");
		assertThat(known.cookieHeader()).contains(DeviceCookies.NAME + "=");
		Browser attacker = browserAt(address());
		for (int i = 0; i < 6; i++) {
			attacker.signIn(account.username(), "guess-" + i);
		}
		assertThat(Browser.location(attacker.signIn(account.username(), "right-password"))).endsWith("/login?locked");

		var signIn = known.signIn(account.username(), "right-password");

		assertThat(Browser.location(signIn)).doesNotContain("/login");
		assertThat(known.get("/account").statusCode()).isEqualTo(200);
		// the lock caused elsewhere stays for everyone else
		assertThat(Browser.location(attacker.signIn(account.username(), "right-password"))).endsWith("/login?locked");
	}

	@Test
	void whenAKnownBrowserGuessesAtItsLockedAccountThenItHasABudgetOfItsOwn() {
		UserAccount account = newAccount("kate");
		Browser known = browserAt(address());
		known.signIn(account.username(), "right-password");
		Browser attacker = browserAt(address());
		for (int i = 0; i < 6; i++) {
			attacker.signIn(account.username(), "guess-" + i);
		}

		for (int i = 0; i < 5; i++) {
			assertThat(Browser.location(known.signIn(account.username(), "stolen-cookie-" + i)))
				.endsWith("/login?error");
		}

		assertThat(Browser.location(known.signIn(account.username(), "right-password"))).endsWith("/login?locked");
	}

	@Test
	void whenABrowserKnowsAnotherAccountThenItIsLockedOutOfThisOneLikeAnyone() {
		UserAccount other = newAccount("leo");
		UserAccount locked = newAccount("mallory");
		Browser browser = browserAt(address());
		browser.signIn(other.username(), "right-password");
		Browser attacker = browserAt(address());
		for (int i = 0; i < 6; i++) {
			attacker.signIn(locked.username(), "guess-" + i);
		}

		assertThat(Browser.location(browser.signIn(locked.username(), "right-password"))).endsWith("/login?locked");
	}

	@Test
	void whenTheDeviceCookieIsForgedThenTheBrowserIsUnknown() {
		UserAccount account = newAccount("niaj");
		Browser attacker = browserAt(address());
		for (int i = 0; i < 6; i++) {
			attacker.signIn(account.username(), "guess-" + i);
		}
		String csrf = Browser.csrfToken(attacker.get("/login").body());
		String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(account.id().getBytes())
				+ "." + (System.currentTimeMillis() / 1000) + ".AAAA";

		attacker.setCookie(DeviceCookies.NAME, forged);

		var attempt = attacker.post("/login",
				Map.of("username", account.username(), "password", "right-password", "_csrf", csrf));

		assertThat(Browser.location(attempt)).endsWith("/login?locked");
	}

	private UserAccount newAccount(String name) {
		return this.accounts.create(name + "-" + System.nanoTime(), null, name,
				this.passwordEncoder.encode("right-password"), Set.of("USER"));
	}

	private Browser browserAt(String address) {
		return new Browser(this.port).forwardedFor(address);
	}

	/** An address of the test's own (documentation range), so tests do not share address counts. */
	private static String address() {
		int n = NEXT_ADDRESS.incrementAndGet();
		return "198.18." + ((n >> 8) & 0xff) + "." + (n & 0xff);
	}

	private static final java.util.concurrent.atomic.AtomicInteger NEXT_ADDRESS = new java.util.concurrent.atomic.AtomicInteger(
			new java.util.Random().nextInt(30000));

	private Integer attempts(Kind kind, String value) {
		return this.jdbc.sql("SELECT attempts FROM login_throttle WHERE id = ?")
			.param(LoginThrottle.id(kind, value))
			.query(Integer.class)
			.optional()
			.orElse(null);
	}

}
