package dev.portcullis.idp.passkeys;

import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.users.RecentSignIn;
import dev.portcullis.idp.users.UserAccountRepository;

import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.stereotype.Component;

/**
 * Passkeys in the sign-in filter chain: Spring Security's {@code webAuthn()} (its endpoints
 * {@code /webauthn/register/options}, {@code /webauthn/register}, {@code /webauthn/authenticate/options},
 * {@code /login/webauthn}), with Spring's default pages off (ours are the sign-in and account pages) and its
 * sign-in filter fitted like the password form's:
 * <ul>
 * <li>the session id and CSRF token change at sign-in (the chain's session strategy; Spring's passkey filter
 * otherwise keeps the session it was given, a session fixation);</li>
 * <li>a passkey after the password in the same session adds its factor to that sign-in (Spring Security 7's
 * multi-factor merging: the result has both {@code FACTOR_PASSWORD} and {@code FACTOR_WEBAUTHN});</li>
 * <li>a registration's options are kept in the session in a form Spring Session JDBC can store
 * ({@link SessionCreationOptions});</li>
 * <li>the result is a sign-in like the password form's ({@link PasskeyAuthenticationProvider}) and is recorded
 * like one ({@link PasskeySignInSuccess}).</li>
 * </ul>
 */
@Component
public class PasskeySecurity {

	private final PasskeyAuthenticationProvider provider;

	private final PasskeySignInSuccess success;

	private final RecentSignIn recentSignIn;

	PasskeySecurity(WebAuthnRelyingPartyOperations operations, PublicKeyCredentialUserEntityRepository userEntities,
			UserCredentialRepository credentials, UserAccountRepository accounts, AuditLog auditLog,
			PasskeySignInSuccess success, RecentSignIn recentSignIn) {
		this.provider = new PasskeyAuthenticationProvider(operations, userEntities, credentials, accounts, auditLog);
		this.success = success;
		this.recentSignIn = recentSignIn;
	}

	public void configure(HttpSecurity http) throws Exception {
		http.webAuthn((webAuthn) -> webAuthn.disableDefaultRegistrationPage(true)
			.creationOptionsRepository(new SessionCreationOptions())
			.withObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {
				@Override
				public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
					filter.setAuthenticationManager(new ProviderManager(PasskeySecurity.this.provider));
					filter.setAuthenticationSuccessHandler(PasskeySecurity.this.success);
					filter.setMfaEnabled(true);
					// Shared by the chain's configurers once they are initialised, which they are by now.
					SessionAuthenticationStrategy sessions = http.getSharedObject(SessionAuthenticationStrategy.class);
					if (sessions != null) {
						filter.setSessionAuthenticationStrategy(sessions);
					}
					SecurityContextRepository contexts = http.getSharedObject(SecurityContextRepository.class);
					if (contexts != null) {
						filter.setSecurityContextRepository(contexts);
					}
					return filter;
				}
			}))
			.addFilterBefore(new PasskeyRegistrationGuard(this.recentSignIn), ExceptionTranslationFilter.class);
	}

}
