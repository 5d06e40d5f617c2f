package dev.portcullis.idp.authserver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * Grants as parsed objects, keyed by the exact content of their row. Turning a grant row into an
 * {@link OAuth2Authorization} means parsing Spring's JSON with type information, and Jackson rebuilds its
 * deserializers for typed collections on every read: the costliest step of an introspection. The same row read
 * again (a resource server introspecting the same token) gives the same grant, so it is parsed once. The key is a
 * digest of every column, so any change to the row (a rotated token, a revocation) is a different key: nothing here
 * can be stale, and a deleted row is never read at all. {@link OAuth2Authorization} is immutable.
 */
final class ParsedGrantCache implements RowMapper<OAuth2Authorization> {

	private final RowMapper<OAuth2Authorization> parser;

	private final Cache<String, OAuth2Authorization> parsed;

	ParsedGrantCache(RowMapper<OAuth2Authorization> parser, int maximumSize, Duration idle) {
		this.parser = parser;
		this.parsed = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterAccess(idle).build();
	}

	@Override
	public OAuth2Authorization mapRow(ResultSet row, int rowNum) throws SQLException {
		String key = digest(row);
		OAuth2Authorization known = this.parsed.getIfPresent(key);
		if (known != null) {
			return known;
		}
		OAuth2Authorization grant = this.parser.mapRow(row, rowNum);
		if (grant != null) {
			this.parsed.put(key, grant);
		}
		return grant;
	}

	private static String digest(ResultSet row) throws SQLException {
		MessageDigest sha256 = sha256();
		int columns = row.getMetaData().getColumnCount();
		for (int i = 1; i <= columns; i++) {
			String value = row.getString(i);
			// length-prefixed, so that no two different rows can run together into the same bytes
			byte[] bytes = (value != null) ? value.getBytes(StandardCharsets.UTF_8) : new byte[0];
			sha256.update((byte) ((value != null) ? 1 : 0));
			sha256.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
			sha256.update((byte) ':');
			sha256.update(bytes);
		}
		return Base64.getEncoder().encodeToString(sha256.digest());
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JRE", ex);
		}
	}

}
