package dev.portcullis.idp.bootstrap;

import java.util.regex.Pattern;

import dev.portcullis.idp.support.Databases;
import dev.portcullis.idp.users.PasswordPolicy;
import dev.portcullis.idp.users.UserAccount;
import dev.portcullis.idp.users.UserAccountRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** No default passwords: the first admin gets the configured password, or a generated one printed once. */
@ExtendWith(OutputCaptureExtension.class)
class AdminBootstrapTest {

	private static final Pattern GENERATED = Pattern.compile("'root' with the generated password: (\\S+)");

	private final PasswordEncoder encoder = new BCryptPasswordEncoder(4);

	@Test
	void whenNoPasswordIsConfiguredThenOneIsGeneratedPrintedOnceAndWorks(CapturedOutput output) throws Exception {
		UserAccountRepository accounts = new UserAccountRepository(JdbcClient.create(Databases.h2()));
		AdminBootstrap bootstrap = new AdminBootstrap(accounts, this.encoder,
				new AdminBootstrap.AdminProperties("root", null), new PasswordPolicy());

		bootstrap.run(null);
		long printed = GENERATED.matcher(output.getOut()).results().count();
		bootstrap.run(null); // a restart: an admin exists, nothing is printed again

		assertThat(printed).as("the generated password is printed").isPositive();
		assertThat(GENERATED.matcher(output.getOut()).results().count()).as("not again at the next start")
			.isEqualTo(printed);
		UserAccount admin = accounts.findByUsername("root").orElseThrow();
		assertThat(admin.isAdmin()).isTrue();
		assertThat(this.encoder.matches(GENERATED.matcher(output.getOut()).results().findFirst().orElseThrow().group(1),
				admin.passwordHash())).isTrue();
	}

	@Test
	void whenTheOnlyAdminIsDisabledThenTheNextStartCreatesAnother() throws Exception {
		UserAccountRepository accounts = new UserAccountRepository(JdbcClient.create(Databases.h2()));
		UserAccount old = accounts.create("old-admin", null, "Old", "{noop}x",
				java.util.Set.of(UserAccount.ROLE_USER, UserAccount.ROLE_ADMIN));
		accounts.setEnabled(old.id(), false);

		new AdminBootstrap(accounts, this.encoder, new AdminBootstrap.AdminProperties("new-admin", "fresh-password"),
				new PasswordPolicy())
			.run(null);

		assertThat(accounts.findByUsername("new-admin").orElseThrow().isAdmin()).isTrue();
	}

	@Test
	void whenAPasswordIsConfiguredThenTheAdminGetsItAndItIsNeverPrinted(CapturedOutput output) throws Exception {
		UserAccountRepository accounts = new UserAccountRepository(JdbcClient.create(Databases.h2()));

		new AdminBootstrap(accounts, this.encoder, new AdminBootstrap.AdminProperties("boss", "s3cret-from-env"),
				new PasswordPolicy())
			.run(null);

		assertThat(output.getOut()).doesNotContain("s3cret-from-env");
		assertThat(this.encoder.matches("s3cret-from-env",
				accounts.findByUsername("boss").orElseThrow().passwordHash())).isTrue();
	}

	@Test
	void whenTheConfiguredPasswordIsEasyToGuessThenTheStartStopsSayingWhyAndNoAdminIsCreated(CapturedOutput output) {
		UserAccountRepository accounts = new UserAccountRepository(JdbcClient.create(Databases.h2()));
		AdminBootstrap bootstrap = new AdminBootstrap(accounts, this.encoder,
				new AdminBootstrap.AdminProperties("boss", "password1234"), new PasswordPolicy());

		assertThatIllegalStateException().isThrownBy(() -> bootstrap.run(null))
			.withMessageStartingWith("PORTCULLIS_ADMIN_PASSWORD (portcullis.admin.password) is refused for the first "
					+ "admin 'boss': This password is too easy to guess. This is a very common password.")
			.withMessageNotContaining("password1234");
		assertThat(accounts.findByUsername("boss")).isEmpty();
	}

}
