package dev.portcullis.idp.audit;

import dev.portcullis.idp.users.UserAccount;
import dev.portcullis.idp.users.UserAccountRepository;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** Every password sign-in, successful or not, goes to the audit log (never the password). */
@Component
class SignInAudit {

	private final AuditLog auditLog;

	private final UserAccountRepository accounts;

	SignInAudit(AuditLog auditLog, UserAccountRepository accounts) {
		this.auditLog = auditLog;
		this.accounts = accounts;
	}

	@EventListener
	void onSuccess(AuthenticationSuccessEvent event) {
		if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken authentication) {
			// The principal's name is the account id; the details hold the address it came from.
			this.auditLog.record(authentication.getName(), "sign-in", authentication.getName(),
					AuditEvent.Outcome.SUCCESS, null, remoteAddress(authentication.getDetails()));
		}
	}

	/**
	 * The actor of a failed sign-in is "anonymous": what was typed proves nothing. The target is the account when
	 * the typed username names one, else a placeholder, so a password typed into the username field, or a forged
	 * account id, never lands in the log.
	 */
	@EventListener
	void onFailure(AbstractAuthenticationFailureEvent event) {
		if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken attempt) {
			String target = this.accounts.findByUsername(String.valueOf(attempt.getPrincipal()))
				.map(UserAccount::id)
				.orElse("(unknown username)");
			this.auditLog.record("anonymous", "sign-in", target, AuditEvent.Outcome.FAILURE,
					reason(event.getException()), remoteAddress(attempt.getDetails()));
		}
	}

	/** In words: the audit log is shown in the console and the admin API, where class names say nothing. */
	private static String reason(AuthenticationException failure) {
		if (failure instanceof BadCredentialsException || failure instanceof UsernameNotFoundException) {
			return SignInFailure.BAD_CREDENTIALS.details();
		}
		if (failure instanceof LockedException) {
			return SignInFailure.LOCKED.details();
		}
		if (failure instanceof DisabledException) {
			return SignInFailure.DISABLED.details();
		}
		return SignInFailure.REFUSED.details();
	}

	private static String remoteAddress(Object details) {
		return (details instanceof WebAuthenticationDetails web) ? web.getRemoteAddress() : null;
	}

}
