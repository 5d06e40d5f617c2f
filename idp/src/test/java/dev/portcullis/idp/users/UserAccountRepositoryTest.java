package dev.portcullis.idp.users;

import java.util.Set;

import javax.sql.DataSource;

import dev.portcullis.idp.support.OnBothDatabases;
import dev.portcullis.idp.support.TestDatabase;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Accounts on H2 and PostgreSQL: unique case-insensitive usernames and emails, roles, password updates. */
class UserAccountRepositoryTest {

	@OnBothDatabases
	void whenAnAccountIsCreatedThenItIsFoundByAnyCaseOfItsUsernameWithItsRoles(TestDatabase database)
			throws Exception {
		DataSource dataSource = database.get();
		UserAccountRepository accounts = new UserAccountRepository(JdbcClient.create(dataSource));

		UserAccount created = accounts.create("Carol", "Carol@Example.com", "Carol Danvers", "{noop}x",
				Set.of(UserAccount.ROLE_USER, UserAccount.ROLE_ADMIN));

		assertThat(created.username()).isEqualTo("carol");
		assertThat(created.email()).isEqualTo("carol@example.com");
		assertThat(accounts.findByUsername("CAROL")).get().extracting(UserAccount::id).isEqualTo(created.id());
		assertThat(accounts.findById(created.id()).orElseThrow().roles()).containsExactlyInAnyOrder("USER",
				"ADMIN");
		assertThat(accounts.findById(created.id()).orElseThrow().isAdmin()).isTrue();
		assertThat(accounts.countWithRole(UserAccount.ROLE_ADMIN)).isEqualTo(1);
		assertThat(accounts.findByUsername("x".repeat(10_000))).isEmpty();

		accounts.updatePasswordHash(created.id(), "{noop}y");
		assertThat(accounts.findById(created.id()).orElseThrow().passwordHash()).isEqualTo("{noop}y");
	}

	@OnBothDatabases
	void whenAUsernameIsTakenInAnyCaseThenCreatingItAgainFailsAndWritesNothing(TestDatabase database)
			throws Exception {
		DataSource dataSource = database.get();
		UserAccountRepository accounts = new UserAccountRepository(JdbcClient.create(dataSource));
		accounts.create("dave", "dave@example.com", "Dave", "{noop}x", Set.of(UserAccount.ROLE_USER));

		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> accounts.create("DAVE",
				"other@example.com", "Other Dave", "{noop}x", Set.of(UserAccount.ROLE_USER)));
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> accounts.create("dave2",
				"DAVE@example.com", "Dave Two", "{noop}x", Set.of(UserAccount.ROLE_USER)));

		assertThat(JdbcClient.create(dataSource).sql("SELECT COUNT(*) FROM users").query(Integer.class).single())
			.isEqualTo(1);
	}

}
