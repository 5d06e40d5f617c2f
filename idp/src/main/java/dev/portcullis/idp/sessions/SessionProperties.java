package dev.portcullis.idp.sessions;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * SSO session settings. The idle timeout is Spring's own {@code server.servlet.session.timeout}; these add what
 * Spring does not have.
 *
 * @param maxLifetime a session ends this long after sign-in, however active it is
 * @param sweepInterval how often ended and over-age sessions are looked for (the delay of single logout after a
 * session expires)
 * @param backChannelTimeout how long one logout-token delivery may take (connect plus answer)
 * @param backChannelAttempts how many times a failed delivery is tried in all
 */
@ConfigurationProperties("portcullis.sessions")
public record SessionProperties(Duration maxLifetime, Duration sweepInterval, Duration backChannelTimeout,
		int backChannelAttempts) {

}
