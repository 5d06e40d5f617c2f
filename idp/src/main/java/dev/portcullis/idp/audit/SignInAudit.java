package dev.portcullis.idp.audit;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** Every password sign-in, successful or not, goes to the audit log (never the password). */
@Component
class SignInAudit {

	private static final int MAX_LOGGED_USERNAME = 100;

	private final AuditLog auditLog;

	SignInAudit(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	@EventListener
	void onSuccess(AuthenticationSuccessEvent event) {
		if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken authentication) {
			// The principal's name is the account id; the details hold the address it came from.
			this.auditLog.record(authentication.getName(), "sign-in", authentication.getName(),
					AuditEvent.Outcome.SUCCESS, null, remoteAddress(authentication.getDetails()));
		}
	}

	@EventListener
	void onFailure(AbstractAuthenticationFailureEvent event) {
		if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken attempt) {
			String username = String.valueOf(attempt.getPrincipal());
			if (username.length() > MAX_LOGGED_USERNAME) {
				username = username.substring(0, MAX_LOGGED_USERNAME) + "…";
			}
			this.auditLog.record(username, "sign-in", username, AuditEvent.Outcome.FAILURE,
					event.getException().getClass().getSimpleName(), remoteAddress(attempt.getDetails()));
		}
	}

	private static String remoteAddress(Object details) {
		return (details instanceof WebAuthenticationDetails web) ? web.getRemoteAddress() : null;
	}

}
