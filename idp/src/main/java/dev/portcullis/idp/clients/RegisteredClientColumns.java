package dev.portcullis.idp.clients;

import java.util.List;
import java.util.function.Function;

import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The sizes of the {@code oauth2_registered_client} columns ({@code db/migration/V1__schema.sql}): what
 * {@link ClientRules} holds registered values to. Lists are stored joined with commas, so a list's limit is on the
 * joined length, commas included. H2 and PostgreSQL both count {@code varchar(n)} in characters, and Java's
 * {@code String.length()} never counts fewer, so a value that passes here fits there.
 */
final class RegisteredClientColumns {

	static final int CLIENT_NAME = 200;

	static final int REDIRECT_URIS = 4000;

	static final int POST_LOGOUT_REDIRECT_URIS = 4000;

	static final int SCOPES = 1000;

	static final int CLIENT_SETTINGS = 4000;

	/**
	 * Every column that takes text, in the order Spring's parameters mapper lists the values (id, client_id,
	 * client_id_issued_at, ...); {@code 0} marks a timestamp.
	 */
	private static final List<Column> COLUMNS = List.of(new Column("id", 100), new Column("client_id", 100),
			new Column("client_id_issued_at", 0), new Column("client_secret", 200),
			new Column("client_secret_expires_at", 0), new Column("client_name", CLIENT_NAME),
			new Column("client_authentication_methods", 1000), new Column("authorization_grant_types", 1000),
			new Column("redirect_uris", REDIRECT_URIS), new Column("post_logout_redirect_uris", POST_LOGOUT_REDIRECT_URIS),
			new Column("scopes", SCOPES), new Column("client_settings", CLIENT_SETTINGS),
			new Column("token_settings", 4000));

	private RegisteredClientColumns() {
	}

	/** The length of {@code values} as stored: joined with a comma between each two. */
	static int joinedLength(List<String> values) {
		int length = Math.max(0, values.size() - 1);
		for (String value : values) {
			length += value.length();
		}
		return length;
	}

	/**
	 * Wraps Spring's parameters mapper so that a value longer than its column is refused before the database sees
	 * it. The rules keep every accepted input within the columns; this is the backstop for what they do not cover
	 * (a declared client's settings, a rule that drifts from the schema), so such a value is a clear error, never
	 * a truncation or a bare SQL failure.
	 */
	static Function<RegisteredClient, List<SqlParameterValue>> checked(
			Function<RegisteredClient, List<SqlParameterValue>> mapper) {
		return (client) -> {
			List<SqlParameterValue> values = mapper.apply(client);
			if (values.size() != COLUMNS.size()) {
				throw new IllegalStateException("Spring's registered client parameters changed: expected "
						+ COLUMNS.size() + " values, got " + values.size());
			}
			for (int i = 0; i < values.size(); i++) {
				Column column = COLUMNS.get(i);
				if (column.size() > 0 && values.get(i).getValue() instanceof String text
						&& text.length() > column.size()) {
					throw new TooLong(client.getClientId(), column.name(), column.size(), text.length());
				}
			}
			return values;
		};
	}

	private record Column(String name, int size) {
	}

	/** A registered client with a value its column cannot hold. */
	static final class TooLong extends IllegalArgumentException {

		private final String column;

		TooLong(String clientId, String column, int size, int length) {
			super("Client '" + clientId + "': " + column + " would hold " + length
					+ " characters, but its column holds at most " + size);
			this.column = column;
		}

		/** The column, such as {@code client_settings}. */
		String column() {
			return this.column;
		}

	}

}
