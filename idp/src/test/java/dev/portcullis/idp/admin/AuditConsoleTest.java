package dev.portcullis.idp.admin;

import java.net.http.HttpResponse;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.IdpTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's audit log page: who did what, newest first, with paging, and never a secret. */
@IdpTest
class AuditConsoleTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void whenAnAdminRegistersAnAppThenTheAuditLogShowsWhoDidItAndFailedSignInsToo() {
		new Browser(this.port).signIn("alice", "wrong-password");
		AdminConsole console = AdminConsole.admin(this.port);
		HttpResponse<String> issued = console.post("/admin/clients",
				AdminConsole.app("Audited", "audited-app", "https://audited.example/cb"));
		String secret = AdminConsole.text(issued.body(), "client-secret");

		HttpResponse<String> page = console.get("/admin/audit");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("client.registered", "audited-app", "sign-in", "failure", ">admin<")
			.doesNotContain(secret)
			.doesNotContain("wrong-password");
	}

	@Test
	void whenThereAreMoreEventsThanAPageThenOlderOnesAreOnTheNextPage() {
		for (int i = 0; i < AuditConsoleController.PAGE_SIZE + 1; i++) {
			this.jdbc.sql("INSERT INTO audit_events (occurred_at, actor, action, target, outcome) "
					+ "VALUES (TIMESTAMP '2000-01-01 00:00:00', 'system', 'test.filler', 'filler', 'SUCCESS')")
				.update();
		}
		AdminConsole console = AdminConsole.admin(this.port);

		String first = console.get("/admin/audit").body();
		assertThat(first).contains("id=\"next-page\"");
		String second = console.get("/admin/audit?page=1").body();
		assertThat(second).contains("id=\"previous-page\"", "test.filler");
		assertThat(console.get("/admin/audit?page=-5").statusCode()).isEqualTo(200);
		assertThat(console.get("/admin/audit?page=abc").statusCode()).isEqualTo(400);
	}

	@Test
	void whenAdminOpensTheConsoleRootThenItShowsTheApps() {
		HttpResponse<String> root = AdminConsole.admin(this.port).get("/admin");

		assertThat(root.statusCode()).isEqualTo(302);
		assertThat(Browser.location(root)).endsWith("/admin/clients");
	}

}
