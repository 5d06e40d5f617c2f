package dev.portcullis.idp.users;

import java.util.Set;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.IdpTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** Passwords are stored as Argon2id; an older hash is replaced by Argon2id at the next sign-in. */
@IdpTest
class PasswordHashingTest {

	@LocalServerPort
	int port;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	UserAccountRepository accounts;

	@Test
	void whenAPasswordIsEncodedThenItIsSaltedArgon2id() {
		String first = this.passwordEncoder.encode("correct horse");
		String second = this.passwordEncoder.encode("correct horse");

		// Keycloak's default cost: 7 MiB, 5 passes, 1 lane.
		assertThat(first).startsWith("{argon2}$argon2id$v=19$m=7168,t=5,p=1$");
		assertThat(first).isNotEqualTo(second);
		assertThat(this.passwordEncoder.matches("correct horse", first)).isTrue();
		assertThat(this.passwordEncoder.matches("correct horse!", first)).isFalse();
	}

	@Test
	void whenAUserWithAnArgon2HashOfOtherSettingsSignsInThenItIsRehashedWithTheCurrentOnes() {
		String older = "{argon2}" + Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("older-password");
		assertThat(older).contains("$m=16384,t=2,p=1$");
		UserAccount account = this.accounts.create("older-" + System.nanoTime(), null, "Older Hash", older,
				Set.of(UserAccount.ROLE_USER));

		var response = new Browser(this.port).signIn(account.username(), "older-password");

		assertThat(Browser.location(response)).doesNotContain("error");
		assertThat(this.accounts.findById(account.id()).orElseThrow().passwordHash())
			.startsWith("{argon2}$argon2id$v=19$m=7168,t=5,p=1$");
	}

	@Test
	void whenAUserWithABcryptHashSignsInThenTheHashIsUpgradedToArgon2id() {
		String bcrypt = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("legacy-password");
		UserAccount legacy = this.accounts.create("legacy-" + System.nanoTime(), null, "Legacy User", bcrypt,
				Set.of(UserAccount.ROLE_USER));

		var response = new Browser(this.port).signIn(legacy.username(), "legacy-password");

		assertThat(Browser.location(response)).doesNotContain("error");
		String stored = this.accounts.findById(legacy.id()).orElseThrow().passwordHash();
		assertThat(stored).startsWith("{argon2}");
		assertThat(this.passwordEncoder.matches("legacy-password", stored)).isTrue();
	}

}
