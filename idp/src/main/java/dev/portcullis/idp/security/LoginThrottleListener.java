package dev.portcullis.idp.security;

import dev.portcullis.idp.users.UserAccountRepository;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** Feeds sign-in outcomes to {@link LoginThrottle}, and forgets old failures now and then. */
@Component
class LoginThrottleListener {

	private final LoginThrottle throttle;

	private final UserAccountRepository accounts;

	LoginThrottleListener(LoginThrottle throttle, UserAccountRepository accounts) {
		this.throttle = throttle;
		this.accounts = accounts;
	}

	@EventListener
	void onFailure(AbstractAuthenticationFailureEvent event) {
		if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken attempt
				&& attempt.getDetails() instanceof WebAuthenticationDetails details) {
			this.throttle.failed(String.valueOf(attempt.getPrincipal()), details.getRemoteAddress());
		}
	}

	@EventListener
	void onSuccess(AuthenticationSuccessEvent event) {
		if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken signedIn) {
			// The principal's name is the account id; the throttle counts by the username that was typed.
			this.accounts.findById(signedIn.getName())
				.ifPresent((account) -> this.throttle.succeeded(account.username()));
		}
	}

	@Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT5M")
	void forgetOld() {
		this.throttle.forgetOld();
	}

}
