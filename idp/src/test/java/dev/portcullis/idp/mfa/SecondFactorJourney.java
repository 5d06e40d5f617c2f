package dev.portcullis.idp.mfa;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.TokenClient;
import dev.portcullis.idp.users.UserAccountRepository;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One person's steps with second factors over HTTP, as a browser takes them: sign in, add an authenticator app from
 * the account page (reading the secret the page shows), the second step, and an app's code flow.
 */
final class SecondFactorJourney {

	private static final Pattern SECRET = Pattern.compile("id=\"secret\"[^>]*>([A-Z2-7 ]+)<");

	private static final Pattern RECOVERY_CODE = Pattern.compile("<code>([0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4})</code>");

	final String username;

	final String password;

	final String accountId;

	Browser browser;

	private final int port;

	private SecondFactorJourney(int port, String username, String password, String accountId) {
		this.port = port;
		this.username = username;
		this.password = password;
		this.accountId = accountId;
		this.browser = new Browser(port);
	}

	/** A new person (a user) with a password and no second factor. */
	static SecondFactorJourney newPerson(int port, UserAccountRepository accounts, PasswordEncoder encoder,
			Set<String> roles) {
		String username = "dora-" + System.nanoTime();
		String password = "dora-password-" + System.nanoTime();
		String id = accounts.create(username, null, "Dora Explorer", encoder.encode(password), roles).id();
		return new SecondFactorJourney(port, username, password, id);
	}

	/** The same person in a browser of their own (another device), not signed in. */
	SecondFactorJourney inAnotherBrowser() {
		SecondFactorJourney other = new SecondFactorJourney(this.port, this.username, this.password, this.accountId);
		other.browser = new Browser(this.port);
		return other;
	}

	/** Posts the password; where the IdP sends the browser next. */
	String signInWithPassword() {
		return Browser.location(this.browser.signIn(this.username, this.password));
	}

	/** Posts a code at the second step; where the IdP sends the browser next. */
	String secondStep(String code) {
		HttpResponse<String> page = this.browser.get("/login/second-factor");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<label for=\"code\"");
		return Browser.location(this.browser.post("/login/second-factor",
				Map.of("code", code, "_csrf", Browser.csrfToken(page.body()))));
	}

	/** Adds an authenticator app from the account page; the recovery codes page it answers with is kept. */
	AddedApp addAuthenticatorApp(String name) {
		HttpResponse<String> setup = this.browser.get("/account/authenticator");
		assertThat(setup.statusCode()).as(setup.body()).isEqualTo(200);
		assertThat(setup.body()).contains("<svg").contains("id=\"qr-code\"");
		Matcher secret = SECRET.matcher(setup.body());
		assertThat(secret.find()).as("the secret is shown as text").isTrue();
		Authenticator app = new Authenticator(secret.group(1));
		HttpResponse<String> added = this.browser.post("/account/authenticator",
				Map.of("name", name, "code", app.code(), "_csrf", Browser.csrfToken(setup.body())));
		return new AddedApp(app, added);
	}

	record AddedApp(Authenticator app, HttpResponse<String> response) {

		List<String> recoveryCodes() {
			Matcher codes = RECOVERY_CODE.matcher(this.response.body());
			List<String> found = new java.util.ArrayList<>();
			while (codes.find()) {
				found.add(codes.group(1));
			}
			return found;
		}

	}

	/** Follows the IdP's redirects of an authorization request; the response that leaves the IdP or shows a page. */
	HttpResponse<String> authorize(AuthorizationRequest request) {
		return this.browser.authorize(request);
	}

	/** The ID token for a code the app got. */
	Jwt idToken(AuthorizationRequest request, HttpResponse<String> toTheApp, String clientId, String secret) {
		assertThat(Browser.location(toTheApp)).startsWith(request.redirectUri());
		String code = Browser.redirectQuery(toTheApp).get("code");
		assertThat(code).as(Browser.location(toTheApp)).isNotNull();
		TokenClient.Response tokens = new TokenClient(this.port, clientId, secret).exchangeCode(request, code);
		assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
		return NimbusJwtDecoder.withJwkSetUri(this.browser.baseUrl() + "/oauth2/jwks")
			.build()
			.decode(tokens.get("id_token"));
	}

	String baseUrl() {
		return this.browser.baseUrl();
	}

}
