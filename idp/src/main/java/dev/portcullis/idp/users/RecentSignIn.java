package dev.portcullis.idp.users;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.security.LoginThrottle;
import dev.portcullis.idp.security.LoginThrottle.Kind;
import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The rule for changing how a person signs in (adding or removing a passkey or an authenticator app): the person
 * must have proved who they are within the last {@code portcullis.mfa.reauthenticate-after} (five minutes by
 * default), so a browser left signed in cannot be used to plant a factor of someone else's. Proof is any factor of
 * the current sign-in (Spring Security 7 stamps each with the time it was given), or the password typed again on
 * the account page ({@link #confirmPassword}), which is remembered in the session and does not change the
 * sign-in itself ({@code auth_time} stays).
 */
@Component
public class RecentSignIn {

	static final String CONFIRMED_AT = RecentSignIn.class.getName() + ".confirmedAt";

	private final Duration window;

	private final Clock clock;

	private final UserAccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final LoginThrottle throttle;

	private final AuditLog auditLog;

	RecentSignIn(@Value("${portcullis.mfa.reauthenticate-after:PT5M}") Duration window, ObjectProvider<Clock> clock,
			UserAccountRepository accounts, PasswordEncoder passwordEncoder, LoginThrottle throttle,
			AuditLog auditLog) {
		this.window = window;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.throttle = throttle;
		this.auditLog = auditLog;
	}

	/** Whether {@code person} proved who they are recently enough to change how they sign in. */
	public boolean isRecent(Authentication person, HttpSession session) {
		Instant since = this.clock.instant().minus(this.window);
		if (session != null && session.getAttribute(CONFIRMED_AT) instanceof Instant confirmed
				&& confirmed.isAfter(since)) {
			return true;
		}
		if (person == null) {
			return false;
		}
		for (GrantedAuthority authority : person.getAuthorities()) {
			if (authority instanceof FactorGrantedAuthority factor && factor.getIssuedAt().isAfter(since)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Checks the password typed again; returns null when it is right (and the sign-in counts as recent for the
	 * window), else what to tell the person. Throttled per account like the password change, because a session
	 * left open must not become a way to guess the password.
	 */
	public String confirmPassword(String accountId, String password, HttpSession session) {
		if (!this.throttle.reserve(Kind.CURRENT_PASSWORD, accountId, accountId).allowed()) {
			return "Too many wrong passwords. Wait a few minutes, then try again.";
		}
		UserAccount account = this.accounts.findById(accountId).orElse(null);
		if (account == null || password == null || !this.passwordEncoder.matches(password, account.passwordHash())) {
			this.auditLog.failure(accountId, "user.password-confirmed", accountId, "wrong password");
			return "That password is not correct.";
		}
		this.throttle.succeeded(Kind.CURRENT_PASSWORD, accountId);
		session.setAttribute(CONFIRMED_AT, this.clock.instant());
		return null;
	}

}
