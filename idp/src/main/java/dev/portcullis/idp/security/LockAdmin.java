package dev.portcullis.idp.security;

import java.time.Instant;
import java.util.List;

import dev.portcullis.idp.admin.NotFoundException;
import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.security.LoginThrottle.Kind;
import dev.portcullis.idp.security.LoginThrottle.Lock;
import dev.portcullis.idp.users.UserAccount;
import dev.portcullis.idp.users.UserAccountRepository;

import org.springframework.stereotype.Service;

/** What the console and the admin API do with sign-in locks: list them, and lift one (audited). */
@Service
class LockAdmin {

	static final int MAX_LISTED = 200;

	private final LoginThrottle throttle;

	private final UserAccountRepository accounts;

	private final AuditLog auditLog;

	LockAdmin(LoginThrottle throttle, UserAccountRepository accounts, AuditLog auditLog) {
		this.throttle = throttle;
		this.accounts = accounts;
		this.auditLog = auditLog;
	}

	/**
	 * A lock for people: {@code subject} is the address, or the account id; {@code username} names that account
	 * when it exists.
	 */
	record LockView(String id, String kind, String subject, String username, Instant lockedUntil, int lockouts) {
	}

	List<LockView> list() {
		return this.throttle.locks(MAX_LISTED).stream().map(this::view).toList();
	}

	/** Lifts the lock with this id; 404 when there is none (any more). */
	LockView lift(String id, String actor) {
		Lock lifted = (id != null && id.length() == 64) ? this.throttle.lift(id) : null;
		if (lifted == null) {
			throw new NotFoundException("No such lock: it may have expired or been lifted already");
		}
		LockView view = view(lifted);
		this.auditLog.success(actor, "sign-in.lock-lifted", lifted.subject(),
				view.kind() + " lock lifted (was until " + lifted.lockedUntil() + ")");
		return view;
	}

	private LockView view(Lock lock) {
		String username = (lock.kind() == Kind.ADDRESS) ? null
				: this.accounts.findById(lock.subject()).map(UserAccount::username).orElse(null);
		return new LockView(lock.id(), lock.kind().label(), lock.subject(), username, lock.lockedUntil(),
				lock.lockouts());
	}

}
