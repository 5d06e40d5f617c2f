package dev.portcullis.idp.users;

import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.security.LoginThrottle;
import dev.portcullis.idp.security.LoginThrottle.Kind;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** A person changes their own password: they must know the current one, and the new one must be reasonable. */
@Service
public class PasswordChange {

	static final int MIN_LENGTH = 10;

	static final int MAX_LENGTH = 200;

	private final UserAccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final AuditLog auditLog;

	private final LoginThrottle throttle;

	PasswordChange(UserAccountRepository accounts, PasswordEncoder passwordEncoder, AuditLog auditLog,
			LoginThrottle throttle) {
		this.throttle = throttle;
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
		String problem = PasswordChange.problemWith(newPassword, confirmation);
		if (problem != null) {
			return problem;
		}
		this.accounts.updatePasswordHash(userId, this.passwordEncoder.encode(newPassword));
		this.auditLog.success(userId, "user.password-changed", userId, null);
		return null;
	}

	/** The rules for any new password, also used when an admin sets one. */
	public static String problemWith(String newPassword, String confirmation) {
		if (newPassword.length() < MIN_LENGTH) {
			return "The new password must have at least " + MIN_LENGTH + " characters.";
		}
		if (newPassword.length() > MAX_LENGTH) {
			return "The new password must have at most " + MAX_LENGTH + " characters.";
		}
		if (!newPassword.equals(confirmation)) {
			return "The new password and its confirmation differ.";
		}
		return null;
	}

}
