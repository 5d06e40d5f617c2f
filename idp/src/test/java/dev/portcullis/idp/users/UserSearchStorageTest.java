package dev.portcullis.idp.users;

import java.util.Set;

import javax.sql.DataSource;

import dev.portcullis.idp.support.OnBothDatabases;
import dev.portcullis.idp.support.TestDatabase;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** What the admin features add to the accounts table, on H2 and PostgreSQL: search, enable, roles. */
class UserSearchStorageTest {

	@OnBothDatabases
	void whenAccountsAreSearchedThenAnyCaseOfUsernameEmailOrNameMatchesAndWildcardsAreLiteral(
			TestDatabase database) throws Exception {
		DataSource dataSource = database.get();
		UserAccountRepository accounts = new UserAccountRepository(JdbcClient.create(dataSource));
		accounts.create("alice", "alice@example.com", "Alice Liddell", "{noop}x", Set.of(UserAccount.ROLE_USER));
		accounts.create("bob", "bob@builders.example", "Bob Builder", "{noop}x", Set.of(UserAccount.ROLE_USER));
		accounts.create("under_score", null, "Percent 100%", "{noop}x", Set.of(UserAccount.ROLE_USER));

		assertThat(accounts.search("LIDDELL", 0, 10)).extracting(UserAccount::username).containsExactly("alice");
		assertThat(accounts.search("builders", 0, 10)).extracting(UserAccount::username).containsExactly("bob");
		assertThat(accounts.search("", 0, 10)).extracting(UserAccount::username)
			.containsExactly("alice", "bob", "under_score");
		assertThat(accounts.search("", 1, 1)).extracting(UserAccount::username).containsExactly("bob");
		assertThat(accounts.countMatching("")).isEqualTo(3);
		assertThat(accounts.search("_", 0, 10)).extracting(UserAccount::username).containsExactly("under_score");
		assertThat(accounts.search("100%", 0, 10)).extracting(UserAccount::username).containsExactly("under_score");
		assertThat(accounts.countMatching("%")).isEqualTo(1);
		assertThat(accounts.existsByEmail("ALICE@example.com")).isTrue();
	}

	@OnBothDatabases
	void whenAnAccountIsDisabledAndMadeAdminThenBothAreStored(TestDatabase database) throws Exception {
		DataSource dataSource = database.get();
		UserAccountRepository accounts = new UserAccountRepository(JdbcClient.create(dataSource));
		String id = accounts.create("carol", null, "Carol", "{noop}x", Set.of(UserAccount.ROLE_USER)).id();

		accounts.setEnabled(id, false);
		accounts.addRole(id, UserAccount.ROLE_ADMIN);
		accounts.addRole(id, UserAccount.ROLE_ADMIN); // twice: still one row

		UserAccount carol = accounts.findById(id).orElseThrow();
		assertThat(carol.enabled()).isFalse();
		assertThat(carol.isAdmin()).isTrue();
		assertThat(accounts.countWithRole(UserAccount.ROLE_ADMIN)).isEqualTo(1);

		accounts.removeRole(id, UserAccount.ROLE_ADMIN);
		assertThat(accounts.findById(id).orElseThrow().isAdmin()).isFalse();
	}

}
