package dev.portcullis.idp.bootstrap;

import java.util.List;
import java.util.Set;

import dev.portcullis.idp.users.UserAccount;
import dev.portcullis.idp.users.UserAccountRepository;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Profile {@code demo}: the demo accounts listed in the README, created once when missing. */
@Component
@Profile("demo")
@Order(1)
class DemoUsers implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(DemoUsers.class);

	private static final Set<String> USER = Set.of(UserAccount.ROLE_USER);

	private static final Set<String> ADMIN = Set.of(UserAccount.ROLE_USER, UserAccount.ROLE_ADMIN);

	/**
	 * The published demo passwords with their Argon2id hashes (Keycloak's cost, as {@code users.PasswordConfig}),
	 * made once and written here: three hashes at start, in code the JIT has not compiled yet, were a tenth of a
	 * first start's CPU. A fixed salt gives nothing away, since the passwords themselves are in the README.
	 */
	static final List<DemoUser> USERS = List.of(
			new DemoUser("alice", "alice-password",
					"{argon2}$argon2id$v=19$m=7168,t=5,p=1$dyyo/+r0vMSoF8mAiwcQmg$Ys+HZKtuuy5a2xozFmB/R9FTBNgUU1b3R0MzTRwXlvU",
					"Alice Liddell", "alice@example.com", USER),
			new DemoUser("bob", "bob-password",
					"{argon2}$argon2id$v=19$m=7168,t=5,p=1$oft7tWJfdauonxvNsez4Ww$Fj/0RY7E9DNHDt/3TKsk7Y6i9lQz37uMAwnfmYgiRJo",
					"Bob Builder", "bob@example.com", USER),
			new DemoUser("admin", "admin-password",
					"{argon2}$argon2id$v=19$m=7168,t=5,p=1$4VMkqI9SWzoActuFUAeaUw$iB7qgwSot+AVviHV3QrEuUTahWCar5v64jVRY3YTVaw",
					"Ada Admin", "admin@example.com", ADMIN));

	private final UserAccountRepository accounts;

	DemoUsers(UserAccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (DemoUser user : USERS) {
			if (!this.accounts.existsByUsername(user.username())) {
				try {
					this.accounts.create(user.username(), user.email(), user.displayName(), user.passwordHash(),
							user.roles());
					logger.info("Demo profile: created user '" + user.username() + "'");
				}
				catch (DuplicateKeyException ex) {
					// another IdP node starting at the same moment created it first
				}
			}
		}
	}

	record DemoUser(String username, String password, String passwordHash, String displayName, String email,
			Set<String> roles) {
	}

}
