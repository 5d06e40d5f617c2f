package dev.portcullis.idp.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Brute-force protection of the sign-in form and of the account page's current-password check.
 *
 * @param accountFailures attempts at one username (or one account's current password) before it is locked
 * @param addressFailures attempts from one client address (any usernames) before it is locked; a right password
 * gives its attempt back
 * @param deviceFailures attempts a known browser (device cookie) may make at its own account while that username
 * is locked by attempts from elsewhere
 * @param lockout how long the first lock lasts; each further lock in the window doubles it
 * @param maxLockout the longest a lock lasts
 * @param window attempts older than this are forgotten
 * @param deviceCookieLifetime how long a browser stays known after its last successful sign-in
 */
@ConfigurationProperties("portcullis.login-throttle")
public record LoginThrottleProperties(int accountFailures, int addressFailures, int deviceFailures, Duration lockout,
		Duration maxLockout, Duration window, Duration deviceCookieLifetime) {

}
