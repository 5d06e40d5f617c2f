package dev.portcullis.idp.admin;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.users.UserAccountRepository;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's audit log page: who did what, newest first, with paging, and never a secret. */
@IdpTest
class AuditConsoleTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccountRepository accounts;

	@Test
	void whenAnAdminRegistersAnAppThenTheAuditLogShowsWhoDidItAndFailedSignInsToo() {
		// names of its own, so the rows are found wherever other tests' events put them
		String username = "audited-" + System.nanoTime();
		this.accounts.create(username, null, "Audited Person", "{bcrypt}" + new BCryptPasswordEncoder(4).encode("a-long-password"), Set.of("USER"));
		String clientId = "audited-app-" + System.nanoTime();
		new Browser(this.port).signIn(username, "wrong-password");
		AdminConsole console = AdminConsole.admin(this.port);
		HttpResponse<String> issued = console.post("/admin/clients",
				AdminConsole.app("Audited", clientId, "https://audited.example/cb"));
		String secret = AdminConsole.text(issued.body(), "client-secret");

		List<String> pages = pagesUpTo(console, clientId, username);

		assertThat(row(pages, clientId)).contains(">admin<", ">client.registered<", ">success<");
		assertThat(row(pages, username)).contains(">anonymous<", ">sign-in<", ">failure<");
		assertThat(pages).allSatisfy((page) -> assertThat(page).doesNotContain(secret).doesNotContain("wrong-password"));
	}

	@Test
	void whenThereAreMoreEventsThanAPageThenOlderOnesAreOnTheNextPage() {
		String action = "test.filler-" + System.nanoTime();
		for (int i = 0; i < AuditConsoleController.PAGE_SIZE + 1; i++) {
			// older than anything else: whatever other tests logged, these are on the last pages
			this.jdbc.sql("INSERT INTO audit_events (occurred_at, actor, action, target, outcome) "
					+ "VALUES (TIMESTAMP '2000-01-01 00:00:00', 'system', ?, 'filler', 'SUCCESS')")
				.param(action)
				.update();
		}
		AdminConsole console = AdminConsole.admin(this.port);
		long total = this.jdbc.sql("SELECT COUNT(*) FROM audit_events").query(Long.class).single();
		long last = (total - 1) / AuditConsoleController.PAGE_SIZE;

		String first = console.get("/admin/audit").body();
		assertThat(first).contains("id=\"next-page\"").doesNotContain("id=\"previous-page\"");
		String lastPage = console.get("/admin/audit?page=" + last).body();
		assertThat(lastPage).contains("id=\"previous-page\"", action).doesNotContain("id=\"next-page\"");
		assertThat(console.get("/admin/audit?page=-5").statusCode()).isEqualTo(200);
		assertThat(console.get("/admin/audit?page=abc").statusCode()).isEqualTo(400);
	}

	/** Pages from the newest on, up to the first on which every one of {@code needles} has appeared. */
	private static List<String> pagesUpTo(AdminConsole console, String... needles) {
		List<String> pages = new ArrayList<>();
		for (int page = 0; page < 1000; page++) {
			HttpResponse<String> response = console.get("/admin/audit?page=" + page);
			assertThat(response.statusCode()).isEqualTo(200);
			pages.add(response.body());
			if (Arrays.stream(needles).allMatch((needle) -> String.join("", pages).contains(needle))
					|| !response.body().contains("id=\"next-page\"")) {
				return pages;
			}
		}
		return pages;
	}

	/** The table row that names {@code needle}. */
	private static String row(List<String> pages, String needle) {
		return pages.stream()
			.flatMap((page) -> Arrays.stream(page.split("<tr")))
			.filter((row) -> row.contains(">" + needle + "<"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No audit row names " + needle));
	}

	@Test
	void whenAdminOpensTheConsoleRootThenItShowsTheHomePage() {
		HttpResponse<String> root = AdminConsole.admin(this.port).get("/admin");

		assertThat(root.statusCode()).isEqualTo(200);
		assertThat(root.body()).contains("id=\"signin-chart\"", "id=\"live-sessions\"", "id=\"apps\"");
	}

}
