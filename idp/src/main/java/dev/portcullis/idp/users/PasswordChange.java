package dev.portcullis.idp.users;

import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.security.LoginThrottle;
import dev.portcullis.idp.security.LoginThrottle.Kind;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * A person changes their own password: they must know the current one, and the new one must pass
 * {@link PasswordPolicy}.
 */
@Service
public class PasswordChange {

	private final UserAccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final AuditLog auditLog;

	private final LoginThrottle throttle;

	private final PasswordPolicy passwordPolicy;

	PasswordChange(UserAccountRepository accounts, PasswordEncoder passwordEncoder, AuditLog auditLog,
			LoginThrottle throttle, PasswordPolicy passwordPolicy) {
		this.throttle = throttle;
		this.passwordPolicy = passwordPolicy;
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.auditLog = auditLog;
	}

	/** Changes the password; returns null when done, else what is wrong (and nothing was changed). */
	public String change(String userId, String currentPassword, String newPassword, String confirmation) {
		// A session left open (or stolen) must not become a way to guess the password: the check is throttled
		// per account like sign-in, and reserved before the password is hashed.
		if (!this.throttle.reserve(Kind.CURRENT_PASSWORD, userId, userId).allowed()) {
			return "Too many wrong passwords. Wait a few minutes, then try again.";
		}
		UserAccount account = this.accounts.findById(userId).orElse(null);
		if (account == null || !this.passwordEncoder.matches(currentPassword, account.passwordHash())) {
			this.auditLog.failure(userId, "user.password-changed", userId, "wrong current password");
			return "Your current password is not correct.";
		}
		this.throttle.succeeded(Kind.CURRENT_PASSWORD, userId);
		if (!newPassword.equals(confirmation)) {
			return "The new password and its confirmation differ.";
		}
		String problem = this.passwordPolicy.problemWith(newPassword, account.username(), account.displayName(),
				account.email());
		if (problem != null) {
			return problem;
		}
		this.accounts.updatePasswordHash(userId, this.passwordEncoder.encode(newPassword));
		this.auditLog.success(userId, "user.password-changed", userId, null);
		return null;
	}

}
