package dev.portcullis.idp.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * OWASP's "device cookies": after a successful sign-in the browser gets a cookie naming the account (its id, not
 * the username) and when it was issued, signed with HMAC-SHA256. A lock on a username caused by guesses from
 * elsewhere does not stop a browser holding a valid cookie for that same account.
 * <p>
 * The HMAC key is generated (256 random bits) by the first node that needs it and stored in the database, so
 * every node verifies the cookies of every other; a per-node random key would make a known browser unknown
 * whenever the proxy picked another node. Deleting the row forgets every known browser.
 */
@Component
class DeviceCookies {

	static final String NAME = "IDP_DEVICE";

	private static final String KEY_ID = "v1";

	private final JdbcClient jdbc;

	private final LoginThrottleProperties properties;

	private volatile byte[] key;

	DeviceCookies(JdbcClient jdbc, LoginThrottleProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/** A browser that signed in to {@code accountId}, and when: also the key of its own attempt budget. */
	record Device(String accountId, long issuedAt) {

		String budgetKey() {
			return this.accountId + ":" + this.issuedAt;
		}

	}

	/** The valid device cookie this request carries, else null (absent, forged, expired). */
	Device read(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return null;
		}
		for (Cookie cookie : cookies) {
			if (NAME.equals(cookie.getName())) {
				Device device = verify(cookie.getValue(), Instant.now());
				if (device != null) {
					return device;
				}
			}
		}
		return null;
	}

	/** Sets (or renews) the cookie after a successful sign-in. Sent only to the sign-in form's POST. */
	void issue(String accountId, HttpServletRequest request, HttpServletResponse response) {
		long issuedAt = Instant.now().getEpochSecond();
		String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
				accountId.getBytes(StandardCharsets.UTF_8)) + "." + issuedAt;
		ResponseCookie cookie = ResponseCookie.from(NAME, payload + "." + mac(payload))
			.path(request.getContextPath() + "/login")
			.maxAge(this.properties.deviceCookieLifetime())
			.httpOnly(true)
			.secure(request.isSecure())
			.sameSite("Lax")
			.build();
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
	}

	Device verify(String value, Instant now) {
		if (value == null || value.length() > 300) {
			return null;
		}
		int lastDot = value.lastIndexOf('.');
		if (lastDot < 0) {
			return null;
		}
		String payload = value.substring(0, lastDot);
		byte[] expected = mac(payload).getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, value.substring(lastDot + 1).getBytes(StandardCharsets.US_ASCII))) {
			return null;
		}
		String[] parts = payload.split("\\.");
		if (parts.length != 2) {
			return null;
		}
		try {
			String accountId = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
			long issuedAt = Long.parseLong(parts[1]);
			Instant issued = Instant.ofEpochSecond(issuedAt);
			if (issued.plus(this.properties.deviceCookieLifetime()).isBefore(now) || issued.isAfter(now.plusSeconds(60))) {
				return null;
			}
			return new Device(accountId, issuedAt);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private String mac(String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(), "HmacSHA256"));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(
					mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The shared key: read once per node, created by whichever node is first. */
	private byte[] key() {
		byte[] current = this.key;
		if (current == null) {
			current = Base64.getDecoder().decode(storedOrNewSecret());
			this.key = current;
		}
		return current;
	}

	private String storedOrNewSecret() {
		List<String> stored = this.jdbc.sql("SELECT secret FROM device_cookie_key WHERE id = ?")
			.param(KEY_ID)
			.query(String.class)
			.list();
		if (!stored.isEmpty()) {
			return stored.get(0);
		}
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		try {
			this.jdbc.sql("INSERT INTO device_cookie_key (id, secret, created_at) VALUES (?, ?, ?)")
				.params(KEY_ID, Base64.getEncoder().encodeToString(secret), Timestamp.from(Instant.now()))
				.update();
		}
		catch (DuplicateKeyException ex) {
			// another node stored one first: everyone uses that one
		}
		return this.jdbc.sql("SELECT secret FROM device_cookie_key WHERE id = ?").param(KEY_ID).query(String.class)
			.single();
	}

}
