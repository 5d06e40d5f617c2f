package dev.portcullis.idp.security;

import java.io.IOException;

import dev.portcullis.idp.security.LoginThrottle.Kind;
import dev.portcullis.idp.security.LoginThrottleFilter.Reservation;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * After a right password: settles what {@link LoginThrottleFilter} reserved, marks the browser as known (device
 * cookie), then hands over to the usual success handler. A sign-in through the device budget resets only that
 * budget: the lock on the username, caused elsewhere, stays until it expires or an admin lifts it.
 */
class ThrottledSignInSuccess implements AuthenticationSuccessHandler {

	private final LoginThrottle throttle;

	private final DeviceCookies deviceCookies;

	private final AuthenticationSuccessHandler next;

	ThrottledSignInSuccess(LoginThrottle throttle, DeviceCookies deviceCookies, AuthenticationSuccessHandler next) {
		this.throttle = throttle;
		this.deviceCookies = deviceCookies;
		this.next = next;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		if (request.getAttribute(LoginThrottleFilter.RESERVATION) instanceof Reservation reservation) {
			if (reservation.addressCounted()) {
				this.throttle.refund(Kind.ADDRESS, reservation.address());
			}
			if (reservation.device() != null) {
				this.throttle.succeeded(Kind.DEVICE, reservation.device().budgetKey());
			}
			else {
				this.throttle.succeeded(Kind.USERNAME, reservation.username());
			}
		}
		// The principal's name is the account id.
		this.deviceCookies.issue(authentication.getName(), request, response);
		this.next.onAuthenticationSuccess(request, response, authentication);
	}

}
