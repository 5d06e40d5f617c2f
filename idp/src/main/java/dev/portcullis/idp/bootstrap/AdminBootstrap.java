package dev.portcullis.idp.bootstrap;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import dev.portcullis.idp.users.PasswordPolicy;
import dev.portcullis.idp.users.UserAccount;
import dev.portcullis.idp.users.UserAccountRepository;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The first admin. There are no default passwords: when no enabled admin exists, one is created from
 * {@code PORTCULLIS_ADMIN_USERNAME} / {@code PORTCULLIS_ADMIN_PASSWORD}, or with a generated password that is
 * printed once, here, and never again. A password from the environment obeys the same {@link PasswordPolicy} as any
 * other: a weak one stops the start with the reason, rather than creating an admin anyone could guess.
 */
@Component
@Order(2)
class AdminBootstrap implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(AdminBootstrap.class);

	private final UserAccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final AdminProperties properties;

	private final PasswordPolicy passwordPolicy;

	AdminBootstrap(UserAccountRepository accounts, PasswordEncoder passwordEncoder, AdminProperties properties,
			PasswordPolicy passwordPolicy) {
		this.passwordPolicy = passwordPolicy;
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.accounts.countEnabledWithRole(UserAccount.ROLE_ADMIN) > 0) {
			return;
		}
		String username = StringUtils.hasText(this.properties.username()) ? this.properties.username() : "admin";
		if (this.accounts.existsByUsername(username)) {
			logger.warn("No enabled admin exists, and the username '" + username + "' is taken; "
					+ "set PORTCULLIS_ADMIN_USERNAME to another name to create an admin");
			return;
		}
		boolean generated = !StringUtils.hasText(this.properties.password());
		String password = generated ? generatePassword() : this.properties.password();
		String problem = generated ? null : this.passwordPolicy.problemWith(password, username, "Administrator");
		if (problem != null) {
			throw new IllegalStateException("PORTCULLIS_ADMIN_PASSWORD (portcullis.admin.password) is refused for the "
					+ "first admin '" + username + "': " + problem + " Choose another, or leave it unset to have one "
					+ "generated and printed once.");
		}
		try {
			this.accounts.create(username, null, "Administrator", this.passwordEncoder.encode(password),
					Set.of(UserAccount.ROLE_USER, UserAccount.ROLE_ADMIN));
		}
		catch (DuplicateKeyException ex) {
			logger.info("Another IdP node created the first admin at the same moment");
			return;
		}
		if (generated) {
			logger.warn("Created the first admin '" + username + "' with the generated password: " + password
					+ "  (shown once; change it after signing in)");
		}
		else {
			logger.info("Created the first admin '" + username + "' from PORTCULLIS_ADMIN_PASSWORD");
		}
	}

	private static String generatePassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	@ConfigurationProperties("portcullis.admin")
	record AdminProperties(String username, String password) {
	}

}
