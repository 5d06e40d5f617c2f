package dev.portcullis.idp.mfa;

import java.util.Map;

import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.security.LoginThrottle;

import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.authorization.EnableMultiFactorAuthentication;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.stereotype.Component;

/**
 * Wires the second sign-in step into the filter chains. Spring Security's multi-factor support is on for every
 * sign-in ({@code @EnableMultiFactorAuthentication} with no global requirement): a sign-in of the person already
 * signed in adds to what they proved instead of replacing it, so confirming the password before changing a factor
 * keeps the second factor. Who needs a second factor is {@link SecondFactorPolicy}'s to say.
 */
@Component
@EnableMultiFactorAuthentication(authorities = {})
public class SecondFactorSignIn {

	private final SecondFactorAuthenticationProvider provider;

	SecondFactorSignIn(AuthenticatorApps apps, RecoveryCodes recoveryCodes, LoginThrottle throttle, AuditLog auditLog) {
		this.provider = new SecondFactorAuthenticationProvider(apps, recoveryCodes, throttle, auditLog);
	}

	/** The pages' chain: the {@code POST /login/second-factor} filter, and where a missing factor sends people. */
	public void applyTo(HttpSecurity http) throws Exception {
		SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();
		success.setDefaultTargetUrl("/account");
		ExceptionMappingAuthenticationFailureHandler failure = new ExceptionMappingAuthenticationFailureHandler();
		failure.setDefaultFailureUrl(SecondFactorSignInFilter.PATH + "?error");
		failure.setExceptionMappings(Map.of(LockedException.class.getName(), SecondFactorSignInFilter.PATH + "?locked",
				InsufficientAuthenticationException.class.getName(), "/login"));
		http.addFilterAfter(new SecondFactorSignInFilter(new ProviderManager(this.provider), success, failure),
				UsernamePasswordAuthenticationFilter.class);
		http.exceptionHandling(missingSecondFactor());
	}

	/**
	 * A sign-in that lacks the second factor a page or an app requires goes to the second-factor page, and the
	 * request is saved to be continued after it (Spring's missing-authority handling).
	 */
	public static Customizer<ExceptionHandlingConfigurer<HttpSecurity>> missingSecondFactor() {
		return (exceptions) -> exceptions.defaultDeniedHandlerForMissingAuthority(
				new LoginUrlAuthenticationEntryPoint(SecondFactorSignInFilter.PATH), SignInFactors.TOTP);
	}

}
