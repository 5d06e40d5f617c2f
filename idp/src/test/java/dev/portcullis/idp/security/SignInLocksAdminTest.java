package dev.portcullis.idp.security;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.portcullis.idp.admin.AdminApiClient;
import dev.portcullis.idp.admin.AdminConsole;
import dev.portcullis.idp.audit.AuditEvent;
import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.clients.ClientAdmin;
import dev.portcullis.idp.security.LoginThrottle.Kind;
import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.users.UserAccount;
import dev.portcullis.idp.users.UserAccountRepository;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** An admin sees who is locked out of signing in, and lifts a lock, in the console and the admin API; audited. */
@IdpTest
class SignInLocksAdminTest {

	@LocalServerPort
	int port;

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	ClientAdmin clients;

	@Autowired
	AuditLog auditLog;

	@Test
	void whenAnAdminLiftsALockInTheConsoleThenThePersonSignsInAndTheAuditLogSaysWho() {
		UserAccount account = lockedAccount("olivia");
		AdminConsole console = AdminConsole.admin(this.port);
		String id = LoginThrottle.id(Kind.USERNAME, account.username());

		String page = console.get("/admin/locks").body();
		assertThat(page).contains("lock-" + id).contains(account.username());

		var lifted = console.post("/admin/locks/" + id + "/lift", Map.of());

		assertThat(Browser.location(lifted)).endsWith("/admin/locks");
		assertThat(console.get("/admin/locks").body()).doesNotContain("lock-" + id).contains("Lock lifted");
		assertThat(Browser.location(new Browser(this.port).forwardedFor("198.19.0.1")
			.signIn(account.username(), "right-password"))).doesNotContain("/login");
		String adminId = this.accounts.findByUsername("admin").orElseThrow().id();
		assertThat(liftEvents(account)).singleElement().satisfies((event) -> {
			assertThat(event.actor()).isEqualTo(adminId);
			assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
		});
	}

	@Test
	void whenAnAdminLiftsALockThroughTheApiThenItIsGoneAndAuditedAndASecondLiftIs404() {
		UserAccount account = lockedAccount("peggy");
		AdminApiClient api = AdminApiClient.withNewAutomationApp(this.port, this.clients);
		String id = LoginThrottle.id(Kind.USERNAME, account.username());

		var list = api.get("/admin/api/v1/sign-in-locks");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.jsonList()).anySatisfy((lock) -> {
			@SuppressWarnings("unchecked")
			Map<String, Object> fields = (Map<String, Object>) lock;
			assertThat(fields).containsEntry("id", id)
				.containsEntry("kind", "username")
				.containsEntry("subject", account.id())
				.containsEntry("username", account.username());
		});

		assertThat(api.delete("/admin/api/v1/sign-in-locks/" + id).status()).isEqualTo(204);

		assertThat(api.delete("/admin/api/v1/sign-in-locks/" + id).status()).isEqualTo(404);
		assertThat(api.get("/admin/api/v1/sign-in-locks").body()).doesNotContain(id);
		assertThat(liftEvents(account)).hasSize(1);
	}

	@Test
	void whenSomeoneWhoIsNotAnAdminTriesToLiftALockThenItStays() {
		UserAccount account = lockedAccount("quentin");
		this.accounts.create("rupert-" + System.nanoTime(), null, "Rupert", this.passwordEncoder.encode("pw-rupert-1"),
				Set.of("USER"));
		String id = LoginThrottle.id(Kind.USERNAME, account.username());

		assertThat(new AdminApiClient(this.port, null).delete("/admin/api/v1/sign-in-locks/" + id).status())
			.isEqualTo(401);
		assertThat(liftEvents(account)).isEmpty();
		assertThat(Browser.location(new Browser(this.port).forwardedFor("198.19.0.2")
			.signIn(account.username(), "right-password"))).endsWith("/login?locked");
	}

	private UserAccount lockedAccount(String name) {
		UserAccount account = this.accounts.create(name + "-" + System.nanoTime(), null, name,
				this.passwordEncoder.encode("right-password"), Set.of("USER"));
		Browser attacker = new Browser(this.port).forwardedFor("198.19.1." + (System.nanoTime() & 0xff));
		for (int i = 0; i < 6; i++) {
			attacker.signIn(account.username(), "guess-" + i);
		}
		return account;
	}

	private List<AuditEvent> liftEvents(UserAccount account) {
		return this.auditLog.forTarget(account.id(), 100)
			.stream()
			.filter((event) -> event.action().equals("sign-in.lock-lifted"))
			.toList();
	}

}
