package dev.portcullis.idp.security;

import java.io.IOException;

import dev.portcullis.idp.security.DeviceCookies.Device;
import dev.portcullis.idp.security.LoginThrottle.Decision;
import dev.portcullis.idp.security.LoginThrottle.Kind;
import dev.portcullis.idp.users.UserAccount;
import dev.portcullis.idp.users.UserAccountRepository;
import io.micrometer.core.instrument.Counter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reserves each sign-in attempt with {@link LoginThrottle} before the password is looked at: first on the client
 * address, then on the username. When either is locked, a browser that signed in to this same account before
 * (a valid device cookie) may still try, on a budget of its own; anyone else is sent back to the sign-in page
 * with a message that says to wait. What was reserved is left on the request for
 * {@link ThrottledSignInSuccess}.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

	static final String RESERVATION = LoginThrottleFilter.class.getName() + ".reservation";

	private final LoginThrottle throttle;

	private final DeviceCookies deviceCookies;

	private final UserAccountRepository accounts;

	/** Refused attempts, counted as they happen (the audit log gets them per minute, see LoginThrottle). */
	private final Counter refused;

	LoginThrottleFilter(LoginThrottle throttle, DeviceCookies deviceCookies, UserAccountRepository accounts,
			Counter refused) {
		this.throttle = throttle;
		this.deviceCookies = deviceCookies;
		this.accounts = accounts;
		this.refused = refused;
	}

	/** What one attempt reserved: its address count (to give back on success) and the device budget, if used. */
	record Reservation(String username, String address, boolean addressCounted, Device device) {
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String username = normalized(request.getParameter("username"));
		String address = request.getRemoteAddr();
		Decision byAddress = this.throttle.reserve(Kind.ADDRESS, address, address);
		// A locked address does not spend the username's budget: those attempts never reach a password check.
		Decision byUsername = byAddress.allowed() ? this.throttle.reserve(Kind.USERNAME, username, null) : null;
		if (byAddress.allowed() && byUsername.allowed()) {
			proceed(new Reservation(username, address, true, null), request, response, chain);
			return;
		}
		// Only now, on the rare locked path, is the device cookie matched against the account the username names.
		Device device = knownDevice(request, username);
		if (device != null && this.throttle.reserve(Kind.DEVICE, device.budgetKey(), device.accountId()).allowed()) {
			proceed(new Reservation(username, address, byAddress.allowed(), device), request, response, chain);
			return;
		}
		this.refused.increment();
		response.sendRedirect(request.getContextPath() + "/login?locked");
	}

	private void proceed(Reservation reservation, HttpServletRequest request, HttpServletResponse response,
			FilterChain chain) throws IOException, ServletException {
		request.setAttribute(RESERVATION, reservation);
		chain.doFilter(request, response);
	}

	private Device knownDevice(HttpServletRequest request, String username) {
		Device device = this.deviceCookies.read(request);
		if (device == null) {
			return null;
		}
		String accountId = this.accounts.findByUsername(username).map(UserAccount::id).orElse(null);
		return device.accountId().equals(accountId) ? device : null;
	}

	/** The throttle counts a username however it is typed: case and surrounding spaces do not make a new key. */
	static String normalized(String username) {
		String normalized = UserAccountRepository.normalize(username);
		return (normalized != null) ? normalized : "";
	}

}
