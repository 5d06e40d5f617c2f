package dev.portcullis.idp.passkeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import dev.portcullis.idp.audit.AuditEvent;
import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.sessions.SsoSessions;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.Chromium;
import dev.portcullis.idp.support.MutableClock;
import dev.portcullis.idp.support.TokenClient;
import dev.portcullis.idp.users.UserAccount;
import dev.portcullis.idp.users.UserAccountRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.context.annotation.Import;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passkeys in real Chromium with a virtual authenticator (Chrome DevTools WebAuthn domain: a platform authenticator
 * that keeps discoverable credentials and verifies its user), against the whole IdP. The IdP listens on a port
 * chosen here, because a passkey is bound to the page's origin, which must be among the allowed origins when the
 * IdP starts. The clock of {@code RecentSignIn} is the test's, to make a sign-in old without waiting.
 */
@Chromium.Required
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles({ "demo", "test" })
@Import(PasskeyBrowserTest.TestClock.class)
class PasskeyBrowserTest {

	private static final int PORT = freePort();

	private static final String BASE = "http://localhost:" + PORT;

	/** Stands in for an app: receives the authorization response, so the test sees the code. */
	private static final AppCallback APP = new AppCallback();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void idpOnAKnownOrigin(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("portcullis.passkeys.allowed-origins", () -> BASE);
		String app = "spring.security.oauth2.authorizationserver.client.passkey-app.registration.";
		registry.add(app + "client-id", () -> "passkey-app");
		registry.add(app + "client-secret", () -> "passkey-app-secret");
		registry.add(app + "client-authentication-methods", () -> "client_secret_basic");
		registry.add(app + "authorization-grant-types", () -> "authorization_code");
		registry.add(app + "redirect-uris", APP::redirectUri);
		registry.add(app + "scopes", () -> "openid,profile");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestClock {

		@Bean
		MutableClock recentSignInClock() {
			return new MutableClock(Instant.now());
		}

	}

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	AuditLog auditLog;

	@Autowired
	SsoSessions ssoSessions;

	@Autowired
	MutableClock clock;

	private ChromeDriver driver;

	private VirtualAuthenticator authenticator;

	private UserAccount person;

	private Instant startedAt;

	@Autowired
	UserCredentialRepository credentials;

	@BeforeEach
	void newPersonAtANewBrowserWithAPlatformAuthenticator() {
		this.clock.set(Instant.now());
		String username = "pat-" + System.nanoTime();
		this.person = this.accounts.create(username, null, "Pat Passkey", this.passwordEncoder.encode("pats-password"),
				Set.of(UserAccount.ROLE_USER));
		this.startedAt = Instant.now();
		this.driver = Chromium.open();
		this.authenticator = this.driver.addVirtualAuthenticator(platformAuthenticator());
	}

	/** Like a laptop's: built in, keeps discoverable credentials, verifies its user (fingerprint, PIN). */
	private static VirtualAuthenticatorOptions platformAuthenticator() {
		return new VirtualAuthenticatorOptions().setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
			.setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
			.setHasResidentKey(true)
			.setHasUserVerification(true)
			.setIsUserVerified(true)
			.setIsUserConsenting(true);
	}

	@AfterEach
	void closeBrowser() {
		if (this.driver != null) {
			this.driver.quit();
		}
	}

	@AfterAll
	static void stopApp() {
		APP.close();
	}

	@Test
	void whenAPersonAddsAPasskeyThenItAloneSignsThemInWithoutAUsernameAndTheAppGetsItsCode() {
		signInWithPassword();
		addPasskey("Work laptop");

		assertThat(this.driver.findElement(By.id("passkey-notice")).getText()).contains("added");
		assertThat(this.driver.findElements(By.id("passkeys-confirm-password"))).as("just signed in").isEmpty();
		screenshot("passkeys-account.png", null);
		// Listed once: in the second factors, as a passkey.
		assertThat(this.driver.findElements(By.cssSelector("#second-factors tbody tr")))
			.extracting(WebElement::getText)
			.singleElement()
			.asString()
			.startsWith("Work laptop Passkey");
		assertThat(this.driver.findElement(By.id("passkeys")).getText()).doesNotContain("Work laptop");
		List<Credential> credentials = this.authenticator.getCredentials();
		assertThat(credentials).hasSize(1);
		assertThat(credentials.get(0).isResidentCredential()).isTrue();

		this.driver.findElement(By.id("sign-out")).click();
		waitForUrl("/login?logout");

		AuthorizationRequest request = AuthorizationRequest.of("passkey-app", APP.redirectUri(), "openid profile");
		this.driver.get(request.uri(BASE));
		waitForUrl("/login");
		assertThat(this.driver.findElement(By.id("username")).getAttribute("value")).isEmpty();
		String visitorSession = this.driver.manage().getCookieNamed("IDP_SESSION").getValue();
		screenshot("passkeys-sign-in.png", null);
		this.driver.findElement(By.id("passkey-sign-in-button")).click();

		Map<String, String> answer = APP.awaitAnswer();
		// A new session id at sign-in, as with the password (no session fixation).
		this.driver.get(BASE + "/account");
		assertThat(this.driver.manage().getCookieNamed("IDP_SESSION").getValue()).isNotEqualTo(visitorSession);
		assertThat(this.driver.findElement(By.id("sign-in-factors")).getText()).isEqualTo("passkey");
		assertThat(answer).containsEntry("state", request.state()).containsKey("code");
		TokenClient.Response tokens = new TokenClient(PORT, "passkey-app", "passkey-app-secret")
			.exchangeCode(request, answer.get("code"));
		assertThat(tokens.status()).isEqualTo(200);
		Map<?, ?> idToken = claims(tokens.get("id_token"));
		assertThat(idToken.get("sub")).isEqualTo(this.person.id());
		assertThat(idToken.get("preferred_username")).isEqualTo(this.person.username());

		assertThat(this.ssoSessions.listFor(this.person.id())).hasSize(1);
		assertThat(actions()).contains("mfa.added", "mfa.succeeded", "sign-in");
		assertThat(this.auditLog.forTarget(this.person.id(), 50))
			.anySatisfy((event) -> assertThat(event.action() + " " + event.details())
				.isEqualTo("mfa.added Passkey \"Work laptop\" ("
						+ new Bytes(credentials.get(0).getId()).toBase64UrlString() + ")"))
			.anySatisfy((event) -> assertThat(event.details()).isEqualTo("factor=passkey; as=sign-in"));
	}

	@Test
	void whenSignedInWithThePasswordThenAPasskeyAddsASecondFactorToTheSameSignIn() {
		signInWithPassword();
		assertThat(this.driver.findElement(By.id("sign-in-factors")).getText()).isEqualTo("password");
		addPasskey("Phone");

		this.driver.findElement(By.id("verify-passkey")).click();
		waitForUrl("/account/passkeys/verify");
		this.driver.findElement(By.id("passkey-second-factor-button")).click();
		waitForUrl("/account");

		assertThat(this.driver.findElement(By.id("sign-in-factors")).getText()).isEqualTo("password, passkey");
		assertThat(this.auditLog.forTarget(this.person.id(), 50))
			.anySatisfy((event) -> assertThat(event.details()).isEqualTo("factor=passkey; as=second factor"));
		// Still one SSO session: the second factor did not start another.
		assertThat(this.ssoSessions.listFor(this.person.id())).hasSize(1);
	}

	@Test
	void whenTheSignInIsOlderThanFiveMinutesThenAddingOrRemovingAPasskeyAsksForThePasswordAgain() {
		signInWithPassword();
		addPasskey("Early");
		String early = this.driver.findElement(By.cssSelector("#second-factors tr[data-factor]"))
			.getAttribute("data-factor");
		this.clock.set(Instant.now().plus(Duration.ofMinutes(6)));
		this.driver.get(BASE + "/account");

		assertThat(this.driver.findElements(By.id("add-passkey"))).isEmpty();
		assertThat(this.driver.findElement(By.id("passkeys-confirm-password")).getText())
			.contains("enter your password again");
		// Removal is the second factors' (a recent password, or the sign-in page asks for it).
		this.driver.findElement(By.cssSelector("#second-factors .remove-factor")).click();
		waitForUrl("/login");
		assertThat(this.credentials.findByCredentialId(Bytes.fromBase64(early))).as("not removed").isNotNull();
		this.driver.get(BASE + "/account");
		// The page is only the front: Spring's endpoint refuses too.
		assertThat(postFromThePage("/webauthn/register/options")).isEqualTo(403L);

		this.driver.findElement(By.id("passkeys-password")).sendKeys("not-pats-password");
		this.driver.findElement(By.id("passkeys-confirm")).click();
		// The answer is a new page: wait for it rather than read the old one.
		assertThat(new WebDriverWait(this.driver, Duration.ofSeconds(20))
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#passkeys-confirm-password .error")))
			.getText()).contains("not correct");
		assertThat(this.driver.findElements(By.id("add-passkey"))).isEmpty();

		this.driver.findElement(By.id("passkeys-password")).sendKeys("pats-password");
		this.driver.findElement(By.id("passkeys-confirm")).click();
		// This authenticator holds a passkey for Pat already (the browser refuses a second one): another device.
		addPasskeyExpectingError("Again here", "already has a passkey");
		this.driver.removeVirtualAuthenticator(this.authenticator);
		this.authenticator = this.driver.addVirtualAuthenticator(platformAuthenticator());
		this.driver.get(BASE + "/account");
		addPasskey("Security key");
		assertThat(this.driver.findElements(By.cssSelector("#second-factors tbody tr td:first-child")))
			.extracting(WebElement::getText)
			.containsExactly("Early", "Security key");
	}

	@Test
	void whenAPasskeyIsRemovedThenItNoLongerSignsIn() {
		signInWithPassword();
		addPasskey("Old phone");
		String id = this.driver.findElement(By.cssSelector("#second-factors tr[data-factor]")).getAttribute("data-factor");
		this.driver.findElement(By.cssSelector("#second-factors .remove-factor")).click();
		waitForUrl("/account/second-factors/" + id + "/remove");
		assertThat(this.driver.findElement(By.id("factor-name")).getText()).isEqualTo("Old phone");
		this.driver.findElement(By.id("remove-factor")).click();
		waitForUrl("/account");

		assertThat(this.driver.findElement(By.id("factor-message")).getText()).contains("removed");
		assertThat(this.driver.findElement(By.id("no-second-factor")).isDisplayed()).isTrue();
		assertThat(this.driver.findElements(By.id("verify-passkey"))).isEmpty();

		this.driver.findElement(By.id("sign-out")).click();
		waitForUrl("/login?logout");
		this.driver.findElement(By.id("passkey-sign-in-button")).click();
		WebElement message = new WebDriverWait(this.driver, Duration.ofSeconds(20))
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-sign-in-message")));

		assertThat(message.getText()).contains("did not sign you in");
		assertThat(message.getAttribute("role")).isEqualTo("alert");
		assertThat(this.driver.getCurrentUrl()).contains("/login");
		assertThat(this.auditLog.forTarget(this.person.id(), 50))
			.anySatisfy((event) -> assertThat(event.action() + " " + event.details())
				.isEqualTo("mfa.removed Passkey \"Old phone\" (" + id + ")"));
		// The removed passkey names nobody any more.
		assertThat(this.auditLog.forTarget("(unknown passkey)", 5))
			.anySatisfy((event) -> assertThat(event.occurredAt()).isAfter(this.startedAt));
	}

	@Test
	void whenAPersonWithAPasskeySignsInWithThePasswordThenTheSecondStepOffersThePasskey() {
		signInWithPassword();
		addPasskey("Laptop");
		this.driver.findElement(By.id("sign-out")).click();
		waitForUrl("/login?logout");

		AuthorizationRequest request = AuthorizationRequest.of("passkey-app", APP.redirectUri(), "openid profile");
		this.driver.get(request.uri(BASE));
		waitForUrl("/login");
		this.driver.findElement(By.id("username")).sendKeys(this.person.username());
		this.driver.findElement(By.id("password")).sendKeys("pats-password" + Keys.ENTER);
		waitForUrl("/login/second-factor");
		this.driver.findElement(By.id("passkey-second-factor-button")).click();

		Map<String, String> answer = APP.awaitAnswer();
		assertThat(answer).containsEntry("state", request.state());
		TokenClient.Response tokens = new TokenClient(PORT, "passkey-app", "passkey-app-secret")
			.exchangeCode(request, answer.get("code"));
		Map<?, ?> idToken = claims(tokens.get("id_token"));
		assertThat(String.valueOf(idToken.get("amr"))).contains("pwd").contains("hwk").contains("mfa");
	}

	@Test
	void whenTheAccountIsDisabledThenItsPasskeyNoLongerSignsIn() {
		signInWithPassword();
		addPasskey("Laptop");
		this.driver.findElement(By.id("sign-out")).click();
		waitForUrl("/login?logout");
		this.accounts.setEnabled(this.person.id(), false);

		this.driver.findElement(By.id("passkey-sign-in-button")).click();
		WebElement message = new WebDriverWait(this.driver, Duration.ofSeconds(20))
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-sign-in-message")));

		assertThat(message.getText()).contains("did not sign you in");
		this.driver.get(BASE + "/account");
		waitForUrl("/login");
		assertThat(this.auditLog.forTarget(this.person.id(), 50))
			.anySatisfy((event) -> assertThat(event.action() + " " + event.details())
				.isEqualTo("mfa.failed factor=passkey; account disabled"));
	}

	@Test
	void whenACopyOfThePasskeySignsWithAnOldCounterThenItIsRefusedAsAClone() {
		signInWithPassword();
		addPasskey("Original");
		long atRegistration = this.authenticator.getCredentials().get(0).getSignCount();
		for (int i = 0; i < 2; i++) {
			this.driver.get(BASE + "/account/passkeys/verify");
			this.driver.findElement(By.id("passkey-second-factor-button")).click();
			waitForUrl("/account");
		}
		Credential original = this.authenticator.getCredentials().get(0);
		long stored = this.credentials.findByCredentialId(new Bytes(original.getId())).getSignatureCount();
		assertThat(stored).as("the virtual authenticator counts its signatures").isEqualTo(original.getSignCount())
			.isGreaterThan(atRegistration + 1);

		// The same key in another authenticator, one signature behind: its next count is one Spring's own check
		// (against the count at registration) accepts, but it does not exceed the last count seen.
		this.driver.quit();
		this.driver = Chromium.open();
		this.authenticator = this.driver.addVirtualAuthenticator(platformAuthenticator());
		this.authenticator.addCredential(Credential.createResidentCredential(original.getId(), original.getRpId(),
				original.getPrivateKey(), original.getUserHandle(), (int) stored - 1));
		this.driver.get(BASE + "/login");
		this.driver.findElement(By.id("passkey-sign-in-button")).click();
		WebElement message = new WebDriverWait(this.driver, Duration.ofSeconds(20))
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-sign-in-message")));

		assertThat(message.getText()).contains("did not sign you in");
		assertThat(this.credentials.findByCredentialId(new Bytes(original.getId())).getSignatureCount())
			.isEqualTo(stored);
		assertThat(this.auditLog.forTarget(this.person.id(), 50))
			.anySatisfy((event) -> assertThat(event.action() + " " + event.details())
				.isEqualTo("mfa.failed factor=passkey; passkey not accepted"));
	}

	@Test
	void whenUsingOnlyTheKeyboardThenThePasskeyIsAddedAndSignsInAndEveryFieldIsLabelled() {
		this.driver.get(BASE + "/login");
		assertEveryFieldIsLabelled();
		typeIntoFocused(this.person.username());
		keys(Keys.TAB);
		typeIntoFocused("pats-password" + Keys.ENTER);
		waitForUrl("/account");
		assertEveryFieldIsLabelled();

		WebElement name = this.driver.findElement(By.id("passkey-name"));
		focus(name);
		typeIntoFocused("Keyboard" + Keys.ENTER);
		waitForPasskeyAdded();
		assertThat(this.authenticator.getCredentials()).hasSize(1);

		this.driver.manage().deleteAllCookies();
		this.driver.get(BASE + "/login");
		// From the username field (autofocus): password, "Sign in", then "Sign in with a passkey".
		keys(Keys.TAB);
		keys(Keys.TAB);
		keys(Keys.TAB);
		assertThat(this.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("passkey-sign-in-button");
		keys(Keys.ENTER);
		waitForUrl("/account");
		assertThat(this.driver.findElement(By.id("account-username")).getText()).isEqualTo(this.person.username());
		assertThat(this.driver.findElement(By.id("sign-in-factors")).getText()).isEqualTo("passkey");
	}

	private void signInWithPassword() {
		this.driver.get(BASE + "/login");
		this.driver.findElement(By.id("username")).sendKeys(this.person.username());
		this.driver.findElement(By.id("password")).sendKeys("pats-password");
		this.driver.findElement(By.id("sign-in")).click();
		waitForUrl("/account");
	}

	private void addPasskey(String name) {
		passkeyNameField().sendKeys(name);
		this.driver.findElement(By.id("add-passkey-button")).click();
		waitForPasskeyAdded();
	}

	private void addPasskeyExpectingError(String name, String error) {
		passkeyNameField().sendKeys(name);
		this.driver.findElement(By.id("add-passkey-button")).click();
		WebElement message = new WebDriverWait(this.driver, Duration.ofSeconds(20))
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-message")));
		assertThat(message.getText()).contains(error);
		assertThat(message.getAttribute("role")).isEqualTo("alert");
	}

	/** The add-a-passkey form, once the page that shows it has loaded (it may follow a password confirmation). */
	private WebElement passkeyNameField() {
		return new WebDriverWait(this.driver, Duration.ofSeconds(20))
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-name")));
	}

	private void waitForPasskeyAdded() {
		new WebDriverWait(this.driver, Duration.ofSeconds(20)).withMessage(() -> "passkey not added: "
				+ this.driver.findElements(By.id("passkey-message")).stream().map(WebElement::getText).toList())
			.until(ExpectedConditions.presenceOfElementLocated(By.id("passkey-notice")));
	}

	private void waitForUrl(String pathAndQuery) {
		new WebDriverWait(this.driver, Duration.ofSeconds(20))
			.withMessage(() -> "at " + this.driver.getCurrentUrl() + " instead of " + pathAndQuery)
			.until((d) -> {
				String url = d.getCurrentUrl();
				String path = url.startsWith(BASE) ? url.substring(BASE.length()) : url;
				int hash = path.indexOf('#');
				path = (hash >= 0) ? path.substring(0, hash) : path;
				return path.equals(pathAndQuery) || (!pathAndQuery.contains("?") && path.startsWith(pathAndQuery + "?"));
			});
	}

	/** POSTs from the page as its script would (same origin, CSRF header); returns the status. */
	private Object postFromThePage(String path) {
		return ((JavascriptExecutor) this.driver).executeAsyncScript("""
				var done = arguments[arguments.length - 1];
				var root = document.querySelector('[data-passkey-root]');
				var headers = {'Content-Type': 'application/json'};
				headers[root.dataset.csrfHeader] = root.dataset.csrfToken;
				fetch(arguments[0], {method: 'POST', headers: headers}).then(function (r) { done(r.status); });
				""", path);
	}

	private void assertEveryFieldIsLabelled() {
		for (WebElement input : this.driver.findElements(By.cssSelector("input:not([type=hidden])"))) {
			String id = input.getAttribute("id");
			assertThat(id).as("an input without id on %s", this.driver.getCurrentUrl()).isNotBlank();
			assertThat(this.driver.findElements(By.cssSelector("label[for='" + id + "']")))
				.as("label for #%s on %s", id, this.driver.getCurrentUrl())
				.hasSize(1);
		}
		for (WebElement button : this.driver.findElements(By.tagName("button"))) {
			String name = button.getText().isBlank() ? button.getAttribute("aria-label") : button.getText();
			assertThat(name).as("a button without a name on %s", this.driver.getCurrentUrl()).isNotBlank();
		}
	}

	/**
	 * The README's pictures: with {@code -Didp.screenshots=docs/images} (a directory) the page, or one element of it,
	 * is saved there under {@code name}. Without it, nothing.
	 */
	private void screenshot(String name, String elementId) {
		String directory = System.getProperty("idp.screenshots");
		if (directory == null) {
			return;
		}
		byte[] png = (elementId != null) ? this.driver.findElement(By.id(elementId)).getScreenshotAs(OutputType.BYTES)
				: this.driver.getScreenshotAs(OutputType.BYTES);
		try {
			java.nio.file.Files.write(java.nio.file.Path.of(directory, name), png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void focus(WebElement element) {
		((JavascriptExecutor) this.driver).executeScript("arguments[0].focus()", element);
	}

	private void typeIntoFocused(CharSequence text) {
		this.driver.switchTo().activeElement().sendKeys(text);
	}

	private void keys(CharSequence key) {
		this.driver.switchTo().activeElement().sendKeys(key);
	}

	private List<String> actions() {
		return this.auditLog.forTarget(this.person.id(), 50).stream().map(AuditEvent::action).toList();
	}

	private static Map<?, ?> claims(String jwt) {
		String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
		return JSON.readValue(payload, Map.class);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** An app's redirect URI on 127.0.0.1: hands each authorization response's query to the test. */
	static final class AppCallback implements AutoCloseable {

		private final HttpServer server;

		private final BlockingQueue<Map<String, String>> answers = new ArrayBlockingQueue<>(10);

		AppCallback() {
			try {
				this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.server.createContext("/callback", (exchange) -> {
				this.answers.offer(org.springframework.web.util.UriComponentsBuilder.fromUri(exchange.getRequestURI())
					.build()
					.getQueryParams()
					.toSingleValueMap());
				byte[] body = "signed in".getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			this.server.start();
		}

		String redirectUri() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/callback";
		}

		Map<String, String> awaitAnswer() {
			try {
				Map<String, String> answer = this.answers.poll(30, TimeUnit.SECONDS);
				if (answer == null) {
					throw new AssertionError("The app never received the authorization response");
				}
				return answer;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

}
