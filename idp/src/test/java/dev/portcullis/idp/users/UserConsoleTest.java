package dev.portcullis.idp.users;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.portcullis.idp.admin.AdminConsole;
import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.IdpTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.portcullis.idp.admin.AdminConsole.text;
import static org.assertj.core.api.Assertions.assertThat;

/** The console's users pages: search, create, disable, reset a password, the admin role. */
@IdpTest
class UserConsoleTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccountRepository accounts;

	private AdminConsole console;

	@BeforeEach
	void signIn() {
		this.console = AdminConsole.admin(this.port);
	}

	@Test
	void whenAdminSearchesThenMatchingUsersAreListed() {
		HttpResponse<String> page = this.console.get("/admin/users?q=ALI");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"user-alice\"").doesNotContain("id=\"user-bob\"");
		assertThat(this.console.get("/admin/users?q=%25").body()).doesNotContain("id=\"user-alice\"");
		assertThat(this.console.get("/admin/users").body()).contains("id=\"user-alice\"", "id=\"user-bob\"");
	}

	@Test
	void whenAdminCreatesAUserWithoutAPasswordThenAGeneratedOneIsShownOnceAndWorks() {
		HttpResponse<String> page = this.console.post("/admin/users", user("carol", "Carol Clark", "", false));

		assertThat(page.statusCode()).isEqualTo(200);
		String password = text(page.body(), "generated-password");
		assertThat(password).hasSizeGreaterThanOrEqualTo(20);
		UserAccount carol = this.accounts.findByUsername("carol").orElseThrow();
		assertThat(carol.passwordHash()).startsWith("{argon2}").doesNotContain(password);
		assertThat(carol.isAdmin()).isFalse();
		assertThat(Browser.location(new Browser(this.port).signIn("carol", password))).doesNotContain("error");
		assertThat(this.console.get("/admin/users/" + carol.id()).body()).doesNotContain(password);
		assertThat(auditMentions(password)).isZero();
	}

	@Test
	void whenUserInputBreaksTheRulesThenTheFormSaysWhyAndNothingIsSaved() {
		long before = this.accounts.countMatching("");
		assertFieldError(user("", "No Name", "", false), "username", 400);
		assertFieldError(user("has space", "Spacey", "", false), "username", 400);
		assertFieldError(user("dave", "", "", false), "displayName", 400);
		Map<String, String> badEmail = user("erin", "Erin", "", false);
		badEmail.put("email", "not-an-email");
		assertFieldError(badEmail, "email", 400);
		assertFieldError(user("frank", "Frank", "short", false), "password", 400);
		assertFieldError(user("ALICE", "Another Alice", "", false), "username", 409);
		assertThat(this.accounts.countMatching("")).isEqualTo(before);
	}

	@Test
	void whenACommonPasswordIsChosenForANewUserThenTheFormSaysWhyAndNothingIsSaved() {
		HttpResponse<String> page = this.console.post("/admin/users", user("frida", "Frida", "password1234", false));

		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(text(page.body(), "error-password"))
			.startsWith("This password is too easy to guess. This is a very common password.");
		assertThat(this.accounts.findByUsername("frida")).isEmpty();
	}

	@Test
	void whenAUserIsDisabledThenTheirSessionsEndAndTheyCannotSignIn() {
		this.console.post("/admin/users", user("gina", "Gina", "gina-password-1", false));
		String id = this.accounts.findByUsername("gina").orElseThrow().id();
		Browser gina = new Browser(this.port);
		gina.signIn("gina", "gina-password-1");
		assertThat(gina.get("/account").statusCode()).isEqualTo(200);

		this.console.get("/admin/users/" + id);
		assertThat(this.console.post("/admin/users/" + id + "/disable").statusCode()).isEqualTo(302);

		assertThat(gina.get("/account").statusCode()).isEqualTo(302); // signed out
		assertThat(Browser.location(new Browser(this.port).signIn("gina", "gina-password-1"))).contains("error");
		assertThat(this.console.get("/admin/users/" + id).body()).contains("id=\"user-disabled\"");

		this.console.post("/admin/users/" + id + "/enable");
		assertThat(Browser.location(new Browser(this.port).signIn("gina", "gina-password-1")))
			.doesNotContain("error");
	}

	@Test
	void whenAPasswordIsResetThenOnlyTheNewOneWorks() {
		this.console.post("/admin/users", user("hank", "Hank", "hank-password-1", false));
		String id = this.accounts.findByUsername("hank").orElseThrow().id();

		this.console.get("/admin/users/" + id);
		HttpResponse<String> page = this.console.post("/admin/users/" + id + "/password", Map.of("password", ""));

		String generated = text(page.body(), "generated-password");
		assertThat(Browser.location(new Browser(this.port).signIn("hank", "hank-password-1"))).contains("error");
		assertThat(Browser.location(new Browser(this.port).signIn("hank", generated))).doesNotContain("error");

		HttpResponse<String> tooShort = this.console.post("/admin/users/" + id + "/password",
				Map.of("password", "short"));
		assertThat(tooShort.statusCode()).isEqualTo(400);
		assertThat(text(tooShort.body(), "error-password")).contains("12");
		HttpResponse<String> common = this.console.post("/admin/users/" + id + "/password",
				Map.of("password", "iloveyou12345"));
		assertThat(common.statusCode()).isEqualTo(400);
		assertThat(text(common.body(), "error-password")).startsWith("This password is too easy to guess.");
		assertThat(Browser.location(new Browser(this.port).signIn("hank", generated))).doesNotContain("error");
	}

	@Test
	void whenTheAdminRoleIsGrantedThenTheConsoleOpensAndWhenTakenBackItClosesAtOnce() {
		this.console.post("/admin/users", user("iris", "Iris", "iris-password-1", false));
		String id = this.accounts.findByUsername("iris").orElseThrow().id();
		this.console.get("/admin/users/" + id);
		this.console.post("/admin/users/" + id + "/grant-admin");
		AdminConsole iris = new AdminConsole(this.port, "iris", "iris-password-1");
		assertThat(iris.get("/admin/clients").statusCode()).isEqualTo(200);

		this.console.post("/admin/users/" + id + "/revoke-admin");

		assertThat(iris.get("/admin/clients").statusCode()).isEqualTo(403); // same session, next click
		assertThat(this.accounts.findById(id).orElseThrow().isAdmin()).isFalse();
	}

	@Test
	void whenAnAdminTriesToLockThemselvesOutThenItIsRefused() {
		String adminId = this.accounts.findByUsername("admin").orElseThrow().id();
		this.console.get("/admin/users/" + adminId);

		assertThat(this.console.post("/admin/users/" + adminId + "/revoke-admin").statusCode()).isEqualTo(409);
		assertThat(this.console.post("/admin/users/" + adminId + "/disable").statusCode()).isEqualTo(409);
		assertThat(this.accounts.findById(adminId).orElseThrow().isAdmin()).isTrue();
		assertThat(this.accounts.findById(adminId).orElseThrow().enabled()).isTrue();
	}

	@Test
	void whenTheUserPageLinksToSessionsThenItPointsToTheSessionsPage() {
		String aliceId = this.accounts.findByUsername("alice").orElseThrow().id();

		String page = this.console.get("/admin/users/" + aliceId).body();

		assertThat(page).contains("href=\"/admin/users/" + aliceId + "/sessions\"");
		assertThat(this.console.get("/admin/users/no-such-id").statusCode()).isEqualTo(404);
	}

	@Test
	void whenANonAdminPostsToTheUsersConsoleThenItIsForbidden() {
		Browser bob = new Browser(this.port);
		bob.signIn("bob", "bob-password");
		Map<String, String> form = user("mallory", "Mallory", "", true);
		form.put("_csrf", Browser.csrfToken(bob.get("/account").body()));

		assertThat(bob.post("/admin/users", form).statusCode()).isEqualTo(403);
		assertThat(this.accounts.findByUsername("mallory")).isEmpty();
	}

	private void assertFieldError(Map<String, String> form, String field, int status) {
		HttpResponse<String> page = this.console.post("/admin/users", form);
		assertThat(page.statusCode()).as(field).isEqualTo(status);
		assertThat(text(page.body(), "error-" + field)).isNotBlank();
		assertThat(page.body()).doesNotContain("Exception");
	}

	private long auditMentions(String value) {
		return this.jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE details LIKE ?")
			.param("%" + value + "%")
			.query(Long.class)
			.single();
	}

	private static Map<String, String> user(String username, String name, String password, boolean admin) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("username", username);
		form.put("displayName", name);
		form.put("email", "");
		form.put("password", password);
		if (admin) {
			form.put("admin", "true");
		}
		return form;
	}

}
