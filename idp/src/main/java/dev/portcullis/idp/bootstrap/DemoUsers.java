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
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Profile {@code demo}: the demo accounts listed in the README, created once when missing. */
@Component
@Profile("demo")
@Order(1)
class DemoUsers implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(DemoUsers.class);

	private static final Set<String> USER = Set.of(UserAccount.ROLE_USER);

	private static final Set<String> ADMIN = Set.of(UserAccount.ROLE_USER, UserAccount.ROLE_ADMIN);

	static final List<DemoUser> USERS = List.of(
			new DemoUser("alice", "alice-password", "Alice Liddell", "alice@example.com", USER),
			new DemoUser("bob", "bob-password", "Bob Builder", "bob@example.com", USER),
			new DemoUser("admin", "admin-password", "Ada Admin", "admin@example.com", ADMIN));

	private final UserAccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	DemoUsers(UserAccountRepository accounts, PasswordEncoder passwordEncoder) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (DemoUser user : USERS) {
			if (!this.accounts.existsByUsername(user.username())) {
				try {
					this.accounts.create(user.username(), user.email(), user.displayName(),
							this.passwordEncoder.encode(user.password()), user.roles());
					logger.info("Demo profile: created user '" + user.username() + "'");
				}
				catch (DuplicateKeyException ex) {
					// another IdP node starting at the same moment created it first
				}
			}
		}
	}

	record DemoUser(String username, String password, String displayName, String email, Set<String> roles) {
	}

}
