package dev.portcullis.idp.security;

import dev.portcullis.idp.admin.AdminAccess;
import dev.portcullis.idp.mfa.SecondFactorPolicy;
import dev.portcullis.idp.mfa.SecondFactorSignIn;
import dev.portcullis.idp.monitoring.PortcullisMeters;
import dev.portcullis.idp.passkeys.PasskeySecurity;
import dev.portcullis.idp.sessions.SamePersonKeepsSession;
import dev.portcullis.idp.sessions.SessionRecordingSuccessHandler;
import dev.portcullis.idp.sessions.SsoLogoutHandler;
import dev.portcullis.idp.signout.SignOutPages;
import dev.portcullis.idp.users.LoginFailureHandler;
import dev.portcullis.idp.users.UserAccountRepository;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;

/** Everything that is not a protocol endpoint: the sign-in page, the account page, health. */
@Configuration(proxyBeanMethods = false)
class DefaultSecurityConfig {

	@Bean
	@Order(2)
	SecurityFilterChain defaultSecurityFilterChain(HttpSecurity http, LoginFailureHandler loginFailureHandler,
			SessionRecordingSuccessHandler loginSuccessHandler, SsoLogoutHandler ssoLogoutHandler,
			AdminAccess adminAccess, LoginThrottle loginThrottle, DeviceCookies deviceCookies,
			UserAccountRepository accounts, SignOutPages signOutPages, SecondFactorPolicy secondFactors,
			SecondFactorSignIn secondFactorSignIn, MeterRegistry meters, PasskeySecurity passkeys)
			throws Exception {
		http.authorizeHttpRequests((authorize) -> authorize
			.requestMatchers("/login", "/signout", "/signed-out", "/error", "/css/**", "/js/**", "/favicon.ico", "/actuator/health",
					"/actuator/health/**", "/livez", "/readyz")
			.permitAll()
			// Served only on the management port unless configured otherwise (monitoring.ScrapeEndpointExposure);
			// elsewhere it does not exist, and this answers 404 rather than a sign-in page.
			.requestMatchers("/actuator/prometheus")
			.permitAll()
			// The second sign-in step: after the password, before the second factor.
			.requestMatchers("/login/second-factor")
			.authenticated()
			// The admin console: role ADMIN, checked against the database on every request (AdminAccess), and a
			// second factor.
			.requestMatchers("/admin/**")
			.access(AuthorizationManagers.allOf(adminAccess, secondFactors.adminConsole()))
			// Adding or removing a second factor: a recent password too.
			.requestMatchers("/account/authenticator/**", "/account/authenticator", "/account/second-factors/**",
					"/account/recovery-codes", "/account/recovery-codes/**")
			.access(AuthorizationManagers.allOf(secondFactors.pages(), secondFactors.recentSignIn()))
			.anyRequest()
			.access(secondFactors.pages()))
			.formLogin((form) -> form.loginPage("/login")
				.successHandler(new ThrottledSignInSuccess(loginThrottle, deviceCookies, loginSuccessHandler))
				.failureHandler(loginFailureHandler))
			// after the CSRF check, before any password is hashed
			.addFilterBefore(new LoginThrottleFilter(loginThrottle, deviceCookies, accounts,
					PortcullisMeters.signIns(meters, PortcullisMeters.THROTTLED)),
					UsernamePasswordAuthenticationFilter.class)
			.sessionManagement((sessions) -> sessions
				.sessionAuthenticationStrategy(new SamePersonKeepsSession(new ChangeSessionIdAuthenticationStrategy())))
			.logout((logout) -> logout.addLogoutHandler(ssoLogoutHandler).logoutSuccessHandler(signOutPages.afterLogout()))
			.headers(SecurityHeaders.contentSecurityPolicy());
		secondFactorSignIn.applyTo(http);
		// Sign-in and second factor with a passkey, and adding one from the account page.
		passkeys.configure(http);
		return http.build();
	}

}
