package dev.portcullis.idp.sessions;

import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Spring Session deletes expired sessions without telling anyone; this finds them (and sessions past their maximum
 * lifetime) and ends them properly, so single logout also follows expiry.
 */
@Component
class SessionSweeper {

	private static final Log logger = LogFactory.getLog(SessionSweeper.class);

	private final SsoSessions ssoSessions;

	private final SessionProperties properties;

	SessionSweeper(SsoSessions ssoSessions, SessionProperties properties) {
		this.ssoSessions = ssoSessions;
		this.properties = properties;
	}

	@Scheduled(initialDelayString = "${portcullis.sessions.sweep-interval}",
			fixedDelayString = "${portcullis.sessions.sweep-interval}")
	void sweep() {
		Instant now = Instant.now();
		int ended = this.ssoSessions.sweep(now.minusSeconds(60), now.minus(this.properties.maxLifetime()));
		if (ended > 0) {
			logger.info("Ended " + ended + " expired SSO session(s)");
		}
	}

}
