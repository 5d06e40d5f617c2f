package dev.portcullis.idp.bootstrap;

import java.util.Map;

import dev.portcullis.idp.support.Databases;
import dev.portcullis.idp.users.UserAccount;
import dev.portcullis.idp.users.UserAccountRepository;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo accounts are stored with hashes made ahead of time: each must take its published password. */
class DemoUsersTest {

	/** The IdP's Argon2id settings (users.PasswordConfig; PasswordHashingTest checks the same prefix). */
	private final PasswordEncoder encoder = new DelegatingPasswordEncoder("argon2",
			Map.of("argon2", new Argon2PasswordEncoder(16, 32, 1, 7 * 1024, 5)));

	@Test
	void eachDemoAccountSignsInWithItsPublishedPasswordAndNeedsNoRehash() throws Exception {
		UserAccountRepository accounts = new UserAccountRepository(JdbcClient.create(Databases.h2()));

		new DemoUsers(accounts).run(null);

		for (DemoUsers.DemoUser user : DemoUsers.USERS) {
			UserAccount account = accounts.findByUsername(user.username()).orElseThrow();
			assertThat(this.encoder.matches(user.password(), account.passwordHash())).as(user.username()).isTrue();
			assertThat(this.encoder.matches(user.password() + "x", account.passwordHash())).isFalse();
			assertThat(account.passwordHash()).startsWith("{argon2}$argon2id$v=19$m=7168,t=5,p=1$");
			assertThat(this.encoder.upgradeEncoding(account.passwordHash())).isFalse();
		}
		assertThat(accounts.findByUsername("admin").orElseThrow().isAdmin()).isTrue();
	}

}
