package dev.portcullis.idp.users;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import dev.portcullis.idp.admin.ConflictException;
import dev.portcullis.idp.admin.FieldErrors;
import dev.portcullis.idp.admin.NotFoundException;
import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.authserver.HashedTokenAuthorizationService;
import dev.portcullis.idp.sessions.SsoSessions;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * What an admin does to accounts, from the console or the admin API: create, search, disable and enable, reset a
 * password, grant and take back the admin role. Every change goes to the audit log (never a password). An admin
 * cannot disable themselves or take away their own admin role, so there is always an admin left.
 */
@Service
public class UserAdmin {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final UserAccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final SsoSessions sessions;

	private final AuditLog auditLog;

	private final HashedTokenAuthorizationService grants;

	private final PasswordPolicy passwordPolicy;

	UserAdmin(UserAccountRepository accounts, PasswordEncoder passwordEncoder, SsoSessions sessions,
			AuditLog auditLog, HashedTokenAuthorizationService grants, PasswordPolicy passwordPolicy) {
		this.passwordPolicy = passwordPolicy;
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.sessions = sessions;
		this.auditLog = auditLog;
		this.grants = grants;
	}

	public UserPage search(String query, int offset, int limit) {
		String q = (query != null && query.length() > 100) ? query.substring(0, 100) : query;
		return new UserPage(this.accounts.search(q, offset, limit), this.accounts.countMatching(q), offset, limit);
	}

	public UserAccount get(String id) {
		return this.accounts.findById(id).orElseThrow(() -> new NotFoundException("No user with id '" + id + "'"));
	}

	public CreatedUser create(NewUser user, String actor) {
		FieldErrors errors = UserRules.check(user);
		if (user.password() != null) {
			checkPassword(user.password(), errors, user.username(), user.displayName(), user.email());
		}
		errors.throwIfAny();
		if (this.accounts.existsByUsername(user.username())) {
			throw new ConflictException("username", "The username '" + user.username() + "' is already taken");
		}
		if (user.email() != null && this.accounts.existsByEmail(user.email())) {
			throw new ConflictException("email", "Another account has this email address");
		}
		String password = (user.password() != null) ? user.password() : generatePassword();
		Set<String> roles = user.admin() ? Set.of(UserAccount.ROLE_USER, UserAccount.ROLE_ADMIN)
				: Set.of(UserAccount.ROLE_USER);
		UserAccount account;
		try {
			account = this.accounts.create(user.username(), user.email(), user.displayName(),
					this.passwordEncoder.encode(password), roles);
		}
		catch (DuplicateKeyException ex) {
			throw new ConflictException("username", "The username or email is already taken");
		}
		this.auditLog.success(actor, "user.created", account.id(),
				"username=" + account.username() + (user.admin() ? "; admin" : ""));
		return new CreatedUser(account, (user.password() == null) ? password : null);
	}

	/**
	 * Disables the account: it cannot sign in, its SSO sessions end and its grants are revoked, so no app can
	 * refresh tokens for it. Enabling lets it sign in again.
	 */
	public UserAccount setEnabled(String id, boolean enabled, String actor) {
		UserAccount account = get(id);
		if (!enabled && id.equals(actor)) {
			throw new ConflictException("enabled", "You cannot disable your own account");
		}
		this.accounts.setEnabled(id, enabled);
		if (!enabled) {
			int ended = this.sessions.endAllFor(id, actor);
			int grants = this.grants.deleteForPrincipal(id);
			this.auditLog.success(actor, "user.disabled", id,
					"username=" + account.username() + "; " + ended + " sessions ended; " + grants + " grants revoked");
		}
		else {
			this.auditLog.success(actor, "user.enabled", id, "username=" + account.username());
		}
		return get(id);
	}

	/** Sets {@code newPassword}, or a generated one when it is null; returns the generated one (else null). */
	public String resetPassword(String id, String newPassword, String actor) {
		UserAccount account = get(id);
		String password = (newPassword != null && !newPassword.isEmpty()) ? newPassword : null;
		if (password != null) {
			FieldErrors errors = new FieldErrors();
			checkPassword(password, errors, account.username(), account.displayName(), account.email());
			errors.throwIfAny();
		}
		String chosen = (password != null) ? password : generatePassword();
		this.accounts.updatePasswordHash(id, this.passwordEncoder.encode(chosen));
		// A reset usually means the account may be in the wrong hands: end its sessions too.
		this.sessions.endAllFor(id, actor);
		this.auditLog.success(actor, "user.password-reset", id, "username=" + account.username());
		return (password == null) ? chosen : null;
	}

	public UserAccount setAdmin(String id, boolean admin, String actor) {
		UserAccount account = get(id);
		if (!admin && id.equals(actor)) {
			throw new ConflictException("admin", "You cannot take away your own admin role");
		}
		if (admin) {
			this.accounts.addRole(id, UserAccount.ROLE_ADMIN);
		}
		else {
			this.accounts.removeRole(id, UserAccount.ROLE_ADMIN);
		}
		this.auditLog.success(actor, admin ? "user.role-granted" : "user.role-revoked", id,
				"username=" + account.username() + "; role=" + UserAccount.ROLE_ADMIN);
		return get(id);
	}

	private void checkPassword(String password, FieldErrors errors, String... personal) {
		String problem = this.passwordPolicy.problemWith(password, personal);
		if (problem != null) {
			errors.reject("password", problem);
		}
	}

	private static String generatePassword() {
		byte[] bytes = new byte[15];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** One page of a user search. */
	public record UserPage(List<UserAccount> users, long total, int offset, int limit) {

		public boolean hasPrevious() {
			return this.offset > 0;
		}

		public boolean hasNext() {
			return this.offset + this.users.size() < this.total;
		}

	}

	/** An account just created, with its generated password (shown once) or null when the admin chose one. */
	public record CreatedUser(UserAccount account, String generatedPassword) {

		@Override
		public String toString() {
			return "CreatedUser[" + this.account.username() + "]";
		}

	}

}
