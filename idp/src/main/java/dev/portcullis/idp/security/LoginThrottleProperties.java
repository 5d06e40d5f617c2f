package dev.portcullis.idp.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Brute-force protection of the sign-in form.
 *
 * @param accountFailures failed sign-ins for one username before it is locked for a while
 * @param addressFailures failed sign-ins from one address (any usernames) before it is locked for a while
 * @param lockout how long the first lock lasts; each further failure while counting doubles it
 * @param maxLockout the longest a lock lasts
 * @param window failures older than this are forgotten
 */
@ConfigurationProperties("portcullis.login-throttle")
public record LoginThrottleProperties(int accountFailures, int addressFailures, Duration lockout, Duration maxLockout,
		Duration window) {

}
