package dev.portcullis.idp.signout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.IdpTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error page of the IdP speaks to people: no bracketed error codes, no parameter names, no protocol text in
 * what it shows; the error code and a reference only in the small print.
 */
@IdpTest
class ErrorPagesTest {

	private static final Pattern BRACKETED_CODE = Pattern.compile("\\[[a-z_]+\\]");

	private static final List<String> PROTOCOL_WORDS = List.of("client_id", "redirect_uri", "response_type",
			"code_challenge", "post_logout_redirect_uri", "id_token_hint", "Parameter:", "OAuth 2.0", "OpenID Connect 1.0",
			"Exception", "Required parameter");

	@LocalServerPort
	int port;

	@Test
	void whenTheAuthorizationEndpointRefusesARequestThenThePageSaysWhatHappenedInPlainWords() {
		Browser browser = new Browser(this.port);
		browser.signIn("alice", "alice-password");

		String unknownApp = page(browser.authorize(AuthorizationRequest.of("nope", "https://x.example/cb", "openid")),
				400);
		String unregisteredAddress = page(browser
			.authorize(AuthorizationRequest.of("test-client", "https://attacker.example/cb", "openid")), 400);
		String noClient = page(browser.get("/oauth2/authorize?response_type=code"), 400);

		assertThat(unknownApp).contains("not registered with Portcullis");
		assertThat(unregisteredAddress).contains("has not registered");
		assertThat(noClient).contains("That request was not valid");
	}

	@Test
	void whenOtherPagesFailThenTheyToo() {
		Browser alice = new Browser(this.port);
		alice.signIn("alice", "alice-password");

		page(alice.get("/oauth2/consent?client_id=nope&scope=openid&state=x"), 400);
		page(alice.get("/oauth2/consent?client_id=test-client"), 400);
		page(alice.get("/no-such-page"), 404);
		page(alice.get("/admin/users"), 403);
		page(alice.post("/logout", Map.of()), 403);
		page(alice.post("/account", Map.of("x", "y")), 403);
		page(send(HttpRequest.newBuilder(URI.create(alice.baseUrl() + "/login"))
			.header("Accept", "text/html")
			.method("PATCH", HttpRequest.BodyPublishers.noBody())
			.build()), 403);
	}

	/** Asserts the status and that the visible text has no protocol words; returns the visible text. */
	private static String page(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).isEqualTo(status);
		String html = response.body();
		assertThat(html).contains("id=\"error-reference\"");
		String visible = html.replaceAll("(?s)<head>.*?</head>", " ")
			.replaceAll("(?s)<p id=\"error-status\".*?</p>", " ") // the small print may name the error code
			.replaceAll("<[^>]+>", " ");
		assertThat(BRACKETED_CODE.matcher(visible).find()).as("bracketed code in %s", visible).isFalse();
		for (String word : PROTOCOL_WORDS) {
			assertThat(visible).as("protocol text in the page").doesNotContain(word);
		}
		return visible;
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
