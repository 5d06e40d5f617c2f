package dev.portcullis.idp.sessions;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * SSO session settings. Spring's own {@code server.servlet.session.timeout} is the idle timeout of a session nobody
 * has signed in to (a visitor at the sign-in page): short, so that anonymous requests cannot pile up session rows.
 * A sign-in makes the session's idle timeout {@code idleTimeout}.
 *
 * @param idleTimeout a signed-in session ends after this long without a request to the IdP
 * @param maxLifetime a session ends this long after sign-in, however active it is
 * @param sweepInterval how often ended and over-age sessions are looked for (the delay of single logout after a
 * session expires)
 * @param backChannelTimeout how long one logout-token delivery may take (connect plus answer)
 * @param backChannelAttempts how many times a failed delivery is tried in all
 */
@ConfigurationProperties("portcullis.sessions")
public record SessionProperties(Duration idleTimeout, Duration maxLifetime, Duration sweepInterval, Duration backChannelTimeout,
		int backChannelAttempts) {

}
