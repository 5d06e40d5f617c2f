package dev.portcullis.idp.passkeys;

import java.io.IOException;

import dev.portcullis.idp.audit.AuditEvent.Outcome;
import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.sessions.SessionRecordingSuccessHandler;
import dev.portcullis.idp.users.UserAccountRepository;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.HttpMessageConverterAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * After a passkey was accepted: the same as after a password (the SSO session is recorded and gets its signed-in
 * lifetime, the last sign-in time is kept, the sign-in is audited), then Spring's JSON answer
 * ({@code {"authenticated": true, "redirectUrl": ...}}) sends the page on to where the person was going: the saved
 * authorization request, so the app's sign-in continues. A passkey given after the password in the same session is
 * a second factor: audited as such, and the sign-in itself is not recorded twice.
 */
@Component
class PasskeySignInSuccess implements AuthenticationSuccessHandler {

	private final SessionRecordingSuccessHandler sessionRecording;

	private final UserAccountRepository accounts;

	private final AuditLog auditLog;

	private final AuthenticationSuccessHandler answer = new HttpMessageConverterAuthenticationSuccessHandler();

	PasskeySignInSuccess(SessionRecordingSuccessHandler sessionRecording, UserAccountRepository accounts,
			AuditLog auditLog) {
		this.sessionRecording = sessionRecording;
		this.accounts = accounts;
		this.auditLog = auditLog;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		String accountId = authentication.getName();
		boolean secondFactor = hasOtherFactor(authentication);
		this.sessionRecording.recordSignIn(request, authentication);
		if (!secondFactor) {
			this.accounts.recordLogin(accountId);
			this.auditLog.record(accountId, "sign-in", accountId, Outcome.SUCCESS, "with a passkey",
					request.getRemoteAddr());
		}
		this.auditLog.record(accountId, "mfa.succeeded", accountId, Outcome.SUCCESS,
				"factor=passkey; as=" + (secondFactor ? "second factor" : "sign-in"), request.getRemoteAddr());
		this.answer.onAuthenticationSuccess(request, response, authentication);
	}

	/** Whether this sign-in already had another factor (Spring merged the passkey into it). */
	private static boolean hasOtherFactor(Authentication authentication) {
		return authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> authority instanceof FactorGrantedAuthority factor
					&& !FactorGrantedAuthority.WEBAUTHN_AUTHORITY.equals(factor.getAuthority()));
	}

}
