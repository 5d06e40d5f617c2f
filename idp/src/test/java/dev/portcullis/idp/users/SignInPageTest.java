package dev.portcullis.idp.users;

import java.util.Map;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.IdpTest;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The sign-in page, driven as a person would through HtmlUnit against the running IdP. */
@IdpTest
class SignInPageTest {

	@LocalServerPort
	int port;

	private WebClient webClient;

	@BeforeEach
	void setUp() {
		this.webClient = new WebClient();
		this.webClient.getOptions().setThrowExceptionOnFailingStatusCode(false);
		this.webClient.getOptions().setRedirectEnabled(true);
	}

	@AfterEach
	void tearDown() {
		this.webClient.close();
	}

	@Test
	void whenLoginSucceedsThenTheAccountPageShowsWhoIsSignedIn() throws Exception {
		HtmlPage page = signIn("Alice", "alice-password"); // usernames are case-insensitive

		assertThat(page.getUrl().getPath()).isEqualTo("/account");
		assertThat(page.getElementById("account-name").getTextContent()).isEqualTo("Alice Liddell");
	}

	@Test
	void whenPasswordIsWrongThenDisplayGenericErrorAndKeepTheUsername() throws Exception {
		HtmlPage page = signIn("alice", "wrong-password");

		assertLoginPage(page);
		assertThat(page.getElementById("login-error").getTextContent()).isEqualTo("Invalid username or password");
		assertThat(page.getHtmlElementById("username").getAttribute("value")).isEqualTo("alice");
		assertThat(page.getHtmlElementById("password").getAttribute("value")).isEmpty();
		assertNotSignedIn();
	}

	@Test
	void whenUserIsUnknownThenDisplayTheSameErrorAsForAWrongPassword() throws Exception {
		HtmlPage page = signIn("nobody", "whatever");

		assertThat(page.getElementById("login-error").getTextContent()).isEqualTo("Invalid username or password");
		assertNotSignedIn();
	}

	@Test
	void whenUsernameIsTenKilobytesThenDisplayTheNormalErrorNotAServerError() {
		Browser browser = new Browser(this.port);
		var response = browser.signIn("a".repeat(10_000), "whatever");

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(Browser.location(response)).endsWith("/login?error");
		var page = browser.get(Browser.location(response));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Invalid username or password");
	}

	@Test
	void whenFormIsPostedWithoutItsCsrfTokenThenItIsRefused() {
		var response = new Browser(this.port).post("/login",
				Map.of("username", "alice", "password", "alice-password"));

		assertThat(response.statusCode()).isEqualTo(403);
	}

	private HtmlPage signIn(String username, String password) throws Exception {
		HtmlPage login = this.webClient.getPage("http://localhost:" + this.port + "/login");
		assertLoginPage(login);
		HtmlForm form = login.getForms().get(0);
		form.getInputByName("username").setValue(username);
		form.getInputByName("password").setValue(password);
		return login.getHtmlElementById("sign-in").click();
	}

	private static void assertLoginPage(HtmlPage page) {
		assertThat(page.getUrl().getPath()).isEqualTo("/login");
		assertThat(page.getTitleText()).startsWith("Sign in");
	}

	private void assertNotSignedIn() throws Exception {
		HtmlPage account = this.webClient.getPage("http://localhost:" + this.port + "/account");
		assertLoginPage(account);
	}

}
