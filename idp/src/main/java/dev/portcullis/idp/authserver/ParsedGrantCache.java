package dev.portcullis.idp.authserver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * Grants as parsed objects, keyed by the content of their row. Turning a grant row into an
 * {@link OAuth2Authorization} means parsing Spring's JSON with type information, and Jackson rebuilds its
 * deserializers for typed collections on every read: the costliest step of an introspection and a tenth of an SSO
 * hop. The same row read again gives the same grant, so it is parsed once; and a grant this node has just saved is
 * remembered as written ({@link #remember}), so the next request of the flow (the code exchange after the
 * authorization request, the next refresh) finds it without parsing.
 * <p>
 * The key is a digest of the row's version and every text column (the JSON, the token hashes, the ids): any change
 * to the row (a rotated token, a revocation, another node's save) is a new version and a different key, so nothing
 * here can be stale, and a deleted row is never read at all. The timestamp columns are left out of the key because a
 * value read back is not the text that was written; they never change without the version changing (every update
 * of a grant increments it). {@link OAuth2Authorization} is immutable.
 */
final class ParsedGrantCache implements RowMapper<OAuth2Authorization> {

	private final RowMapper<OAuth2Authorization> parser;

	/**
	 * The most recently used grants. A plain LRU, not Caffeine: Caffeine's admission policy turns away an entry seen
	 * once in favour of older ones seen more often, and a grant written and read back once by the next request is
	 * exactly that (measured: the code exchange found none of the grants its authorization request had written).
	 */
	private final Map<String, OAuth2Authorization> parsed;

	/** For each column of the row, from the first: whether it is part of the key (text) or not (a timestamp). */
	private final boolean[] keyed;

	/** The position of the {@code row_version} column in a row, from 1. */
	private final int versionColumn;

	/**
	 * @param columns the stock grant columns, in the order of the rows read and of the parameters written; rows
	 * have {@code row_version} after them
	 */
	ParsedGrantCache(RowMapper<OAuth2Authorization> parser, List<String> columns, int maximumSize) {
		this.parser = parser;
		this.parsed = Collections.synchronizedMap(new LinkedHashMap<>(maximumSize * 4 / 3 + 1, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, OAuth2Authorization> eldest) {
				return size() > maximumSize;
			}

		});
		this.keyed = new boolean[columns.size()];
		for (int i = 0; i < this.keyed.length; i++) {
			this.keyed[i] = !columns.get(i).endsWith("_issued_at") && !columns.get(i).endsWith("_expires_at");
		}
		this.versionColumn = columns.size() + 1;
	}

	@Override
	public OAuth2Authorization mapRow(ResultSet row, int rowNum) throws SQLException {
		Key key = new Key(row.getLong(this.versionColumn));
		for (int i = 0; i < this.keyed.length; i++) {
			if (this.keyed[i]) {
				key.add(row.getString(i + 1));
			}
		}
		String digest = key.digest();
		OAuth2Authorization known = this.parsed.get(digest);
		if (known != null) {
			return known;
		}
		OAuth2Authorization grant = this.parser.mapRow(row, rowNum);
		if (grant != null) {
			this.parsed.put(digest, grant);
		}
		return grant;
	}

	/**
	 * A grant this node has just saved, as a row with {@code version} and the columns {@code written}: a later read
	 * of that row gives {@code grant} instead of parsing it again.
	 * @param grant the grant as the row would give it (token values in their stored form)
	 */
	void remember(List<SqlParameterValue> written, long version, OAuth2Authorization grant) {
		Key key = new Key(version);
		for (int i = 0; i < this.keyed.length; i++) {
			if (this.keyed[i]) {
				Object value = written.get(i).getValue();
				key.add((value instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8)
						: (value != null) ? value.toString() : null);
			}
		}
		this.parsed.put(key.digest(), grant);
	}

	private static final class Key {

		private final MessageDigest sha256 = sha256();

		Key(long version) {
			add(Long.toString(version));
		}

		void add(String value) {
			// length-prefixed, so that no two different rows can run together into the same bytes
			byte[] bytes = (value != null) ? value.getBytes(StandardCharsets.UTF_8) : new byte[0];
			this.sha256.update((byte) ((value != null) ? 1 : 0));
			this.sha256.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
			this.sha256.update((byte) ':');
			this.sha256.update(bytes);
		}

		String digest() {
			return Base64.getEncoder().encodeToString(this.sha256.digest());
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

}
