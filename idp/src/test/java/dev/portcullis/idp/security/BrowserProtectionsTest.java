package dev.portcullis.idp.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.IdpTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser-facing claims of docs/security.md ("Browser"): the security headers on the IdP's pages, the session
 * cookie's flags, a new session id at sign-in, and token responses that no cache keeps.
 */
@IdpTest
class BrowserProtectionsTest {

	private static final String CSP = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "/login", "/signed-out", "/oauth2/authorize?client_id=nope" })
	void whenAPageIsServedThenItCarriesTheSecurityHeaders(String path) {
		HttpResponse<String> page = new Browser(this.port).get(path);

		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(CSP);
		assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
	}

	@Test
	void whenThePersonSignsInThenTheSessionCookieIsHttpOnlyLaxAndItsIdIsNew() {
		Browser browser = new Browser(this.port);
		HttpResponse<String> loginPage = browser.get("/login");
		String before = sessionCookie(loginPage);
		assertThat(before).as("the sign-in page starts a session (for its CSRF token)").isNotNull();
		assertThat(flags(before)).contains("HttpOnly", "SameSite=Lax");

		HttpResponse<String> signedIn = browser.post("/login", Map.of("username", "alice", "password",
				"alice-password", "_csrf", Browser.csrfToken(loginPage.body())));

		String after = sessionCookie(signedIn);
		assertThat(after).as("a new session cookie at sign-in").isNotNull();
		assertThat(flags(after)).contains("HttpOnly", "SameSite=Lax");
		assertThat(value(after)).as("session fixation: the id changes").isNotEqualTo(value(before));
	}

	@Test
	void whenTokensAreIssuedThenTheAnswerIsNotStored() throws Exception {
		Browser browser = new Browser(this.port);
		AuthorizationRequest request = AuthorizationRequest.of("test-client", "http://127.0.0.1:9999/callback",
				"openid");
		String code = browser.authorizationCode(request, "alice", "alice-password");
		String form = Browser.form(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri",
				request.redirectUri(), "code_verifier", request.codeVerifier()));

		HttpResponse<String> tokens = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(browser.baseUrl() + "/oauth2/token"))
				.header("Authorization", "Basic " + Base64.getEncoder()
					.encodeToString("test-client:test-secret".getBytes(StandardCharsets.UTF_8)))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(tokens.statusCode()).isEqualTo(200);
		assertThat(tokens.body()).contains("access_token");
		assertThat(tokens.headers().allValues("Cache-Control")).anySatisfy((value) -> assertThat(value).contains("no-store"));
	}

	/** The Set-Cookie header of the IdP's session cookie in this answer, or null. */
	private static String sessionCookie(HttpResponse<?> response) {
		List<String> cookies = response.headers().allValues("Set-Cookie");
		return cookies.stream().filter((cookie) -> cookie.startsWith("IDP_SESSION=")).findFirst().orElse(null);
	}

	private static String value(String setCookie) {
		return setCookie.substring("IDP_SESSION=".length(), setCookie.indexOf(';'));
	}

	private static List<String> flags(String setCookie) {
		return List.of(setCookie.split(";\\s*"));
	}

}
