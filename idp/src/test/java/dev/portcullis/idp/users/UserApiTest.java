package dev.portcullis.idp.users;

import java.util.List;
import java.util.Map;

import dev.portcullis.idp.admin.AdminApiClient;
import dev.portcullis.idp.clients.ClientAdmin;
import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.IdpTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Users in the admin REST API: the console's operations and rules, JSON in and out. */
@IdpTest
class UserApiTest {

	@LocalServerPort
	int port;

	@Autowired
	ClientAdmin clientAdmin;

	@Autowired
	UserAccountRepository accounts;

	private AdminApiClient api;

	@BeforeEach
	void automation() {
		this.api = AdminApiClient.withNewAutomationApp(this.port, this.clientAdmin);
	}

	@Test
	void whenAUserIsCreatedThenTheGeneratedPasswordIsReturnedOnceAndSignsIn() {
		AdminApiClient.Response created = this.api.post("/admin/api/v1/users",
				Map.of("username", "Jane", "displayName", "Jane Doe", "email", "Jane@Example.com"));

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.get("username")).isEqualTo("jane");
		assertThat(created.get("email")).isEqualTo("jane@example.com");
		assertThat(created.body()).doesNotContain("passwordHash").doesNotContain("argon2");
		String password = created.get("password");
		assertThat(Browser.location(new Browser(this.port).signIn("jane", password))).doesNotContain("error");

		AdminApiClient.Response read = this.api.get(created.header("Location"));
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json()).doesNotContainKey("password");
	}

	@Test
	@SuppressWarnings("unchecked")
	void whenUsersAreSearchedThenMatchesComeBackPaged() {
		AdminApiClient.Response page = this.api.get("/admin/api/v1/users?q=b&limit=1");

		assertThat(page.status()).isEqualTo(200);
		assertThat((List<Object>) page.json().get("users")).hasSize(1);
		assertThat(page.body()).contains("\"bob\"");
		assertThat(this.api.get("/admin/api/v1/users?limit=0").status()).isEqualTo(400);
		assertThat(this.api.get("/admin/api/v1/users?limit=1000").errors()).containsKey("limit");
		assertThat(this.api.get("/admin/api/v1/users?offset=-1").status()).isEqualTo(400);
		assertThat(this.api.get("/admin/api/v1/users?offset=x").status()).isEqualTo(400);
	}

	@Test
	void whenUserInputBreaksTheRulesThenTheAnswerIs400WithFieldErrorsAndNothingIsCreated() {
		long before = this.accounts.countMatching("");

		AdminApiClient.Response response = this.api.post("/admin/api/v1/users",
				Map.of("username", "has space", "displayName", "", "email", "nope", "password", "short"));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.errors()).containsKeys("username", "displayName", "email", "password");
		assertThat(this.api.postRaw("/admin/api/v1/users", "[1, 2").status()).isEqualTo(400);
		assertThat(this.accounts.countMatching("")).isEqualTo(before);
	}

	@Test
	void whenACommonPasswordIsGivenAtCreationOrResetThenTheAnswerIs400SayingWhyAndNothingChanges() {
		AdminApiClient.Response refused = this.api.post("/admin/api/v1/users",
				Map.of("username", "lena", "displayName", "Lena Lind", "password", "password1234"));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.errors().get("password")).startsWith("This password is too easy to guess. "
				+ "This is a very common password.");
		assertThat(this.accounts.existsByUsername("lena")).isFalse();

		AdminApiClient.Response created = this.api.post("/admin/api/v1/users",
				Map.of("username", "lena", "displayName", "Lena Lind"));
		AdminApiClient.Response reset = this.api.post("/admin/api/v1/users/" + created.get("id") + "/password",
				Map.of("password", "qwertyuiop123"));

		assertThat(reset.status()).isEqualTo(400);
		assertThat(reset.errors().get("password")).startsWith("This password is too easy to guess.");
		assertThat(Browser.location(new Browser(this.port).signIn("lena", created.get("password"))))
			.doesNotContain("error");
	}

	@Test
	void whenTheUsernameIsTakenThenTheAnswerIs409() {
		AdminApiClient.Response response = this.api.post("/admin/api/v1/users",
				Map.of("username", "alice", "displayName", "Another Alice"));

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.errors()).containsKey("username");
	}

	@Test
	void whenAUserIsDisabledResetAndMadeAdminThroughTheApiThenEachTakesEffect() {
		String id = this.api.post("/admin/api/v1/users",
				Map.of("username", "kate", "displayName", "Kate", "password", "kate-password-1"))
			.get("id");

		assertThat(this.api.post("/admin/api/v1/users/" + id + "/disable", null).get("enabled")).isEqualTo("false");
		assertThat(Browser.location(new Browser(this.port).signIn("kate", "kate-password-1"))).contains("error");
		assertThat(this.api.post("/admin/api/v1/users/" + id + "/enable", null).get("enabled")).isEqualTo("true");

		AdminApiClient.Response reset = this.api.post("/admin/api/v1/users/" + id + "/password", null);
		assertThat(reset.status()).isEqualTo(200);
		assertThat(Browser.location(new Browser(this.port).signIn("kate", reset.get("password"))))
			.doesNotContain("error");
		assertThat(this.api.post("/admin/api/v1/users/" + id + "/password", Map.of("password", "kate-password-2"))
			.status()).isEqualTo(204);
		assertThat(this.api.post("/admin/api/v1/users/" + id + "/password", Map.of("password", "x")).status())
			.isEqualTo(400);

		assertThat(this.api.put("/admin/api/v1/users/" + id + "/roles/admin", null).get("admin")).isEqualTo("true");
		assertThat(this.api.delete("/admin/api/v1/users/" + id + "/roles/admin").get("admin")).isEqualTo("false");
		assertThat(this.api.get("/admin/api/v1/users/no-such-user").status()).isEqualTo(404);
	}

	@Test
	void whenTheAuditLogIsReadThroughTheApiThenItListsTheChangesWithoutSecrets() {
		AdminApiClient.Response created = this.api.post("/admin/api/v1/users",
				Map.of("username", "leo", "displayName", "Leo"));
		String password = created.get("password");

		AdminApiClient.Response events = this.api.get("/admin/api/v1/audit-events?limit=20");

		assertThat(events.status()).isEqualTo(200);
		assertThat(events.body()).contains("user.created").doesNotContain(password);
		assertThat(this.api.get("/admin/api/v1/audit-events?limit=0").status()).isEqualTo(400);
	}

}
