package dev.portcullis.idp.security;

import java.time.Instant;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Housekeeping of {@link LoginThrottle}: forgets old counts, and writes the per-minute audit events of refused
 * attempts once their minute is over.
 */
@Component
class LoginThrottleListener {

	private final LoginThrottle throttle;

	LoginThrottleListener(LoginThrottle throttle) {
		this.throttle = throttle;
	}

	@Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT5M")
	void forgetOld() {
		this.throttle.forgetOld();
	}

	@Scheduled(initialDelayString = "PT30S", fixedDelayString = "PT30S")
	void auditRefusals() {
		this.throttle.auditRefusals(Instant.now());
	}

}
