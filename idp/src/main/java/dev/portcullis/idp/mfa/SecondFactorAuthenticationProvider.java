package dev.portcullis.idp.mfa;

import java.util.List;

import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.security.LoginThrottle;
import dev.portcullis.idp.security.LoginThrottle.Kind;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * Checks a {@link SecondFactorCode}: six digits are an authenticator app's code, anything else a recovery code.
 * Each attempt is reserved with the sign-in throttle first (per account, like passwords), so a person's second
 * factor cannot be guessed by someone who has their password. The result carries only the new factor's authority;
 * Spring Security merges it with the password's authentication of the same person (its multi-factor support).
 * Not a bean: an {@code AuthenticationProvider} bean would replace the password sign-in's own.
 */
class SecondFactorAuthenticationProvider implements AuthenticationProvider {

	private final AuthenticatorApps apps;

	private final RecoveryCodes recoveryCodes;

	private final LoginThrottle throttle;

	private final AuditLog auditLog;

	SecondFactorAuthenticationProvider(AuthenticatorApps apps, RecoveryCodes recoveryCodes, LoginThrottle throttle,
			AuditLog auditLog) {
		this.apps = apps;
		this.recoveryCodes = recoveryCodes;
		this.throttle = throttle;
		this.auditLog = auditLog;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		SecondFactorCode typed = (SecondFactorCode) authentication;
		String accountId = typed.accountId();
		if (!this.throttle.reserve(Kind.SECOND_FACTOR, accountId, accountId).allowed()) {
			this.auditLog.failure(accountId, "mfa.failed", accountId, "refused: too many wrong codes");
			throw new LockedException("Too many wrong codes");
		}
		String code = AuthenticatorApps.normalized(typed.code());
		String factor = null;
		String details = null;
		if (code.matches("\\d{6}")) {
			if (this.apps.verify(accountId, code)) {
				factor = SignInFactors.TOTP;
				details = "authenticator app";
			}
		}
		else if (this.recoveryCodes.use(accountId, code)) {
			factor = SignInFactors.RECOVERY_CODE;
			details = "recovery code (" + this.recoveryCodes.remaining(accountId) + " left)";
		}
		if (factor == null) {
			this.auditLog.failure(accountId, "mfa.failed", accountId, "wrong, expired or used code");
			throw new BadCredentialsException("Wrong code");
		}
		this.throttle.succeeded(Kind.SECOND_FACTOR, accountId);
		this.auditLog.success(accountId, "mfa.succeeded", accountId, details);
		return UsernamePasswordAuthenticationToken.authenticated(typed.getPrincipal(), null,
				List.of(FactorGrantedAuthority.fromAuthority(factor)));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return SecondFactorCode.class.isAssignableFrom(authentication);
	}

}
