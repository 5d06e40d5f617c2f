package dev.portcullis.idp.clients;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.util.StringUtils;

/**
 * Reads registered clients as Spring's row mapper does, but hands out only redirect and post-logout redirect URIs
 * that pass {@link RedirectUriPolicy}. The URIs are stored comma-joined and split on read, so a row written before
 * commas were refused, or by hand, can hold a URI that was never checked as such
 * ({@code https://a.example/cb?x=,javascript:alert(1)} reads back as two). Such a value is dropped, and logged once
 * per node as a warning, rather than used to redirect anyone.
 * <p>
 * The values are filtered before Spring builds the client (its builder throws on a fragment, which would turn one
 * bad row into a 500 on every request for that client), by handing Spring's mapper a view of the row. This runs
 * only when a client is read from the database, which the caching repository keeps rare.
 */
final class StoredUriCheck implements RowMapper<RegisteredClient> {

	private static final Log logger = LogFactory.getLog(StoredUriCheck.class);

	private static final Set<String> URI_COLUMNS = Set.of("redirect_uris", "post_logout_redirect_uris");

	private final RowMapper<RegisteredClient> delegate;

	/** What was already reported (client id, column, value), so a bad row warns once, not at every read. */
	private final Cache<String, Boolean> reported = Caffeine.newBuilder()
		.maximumSize(1_000)
		.expireAfterWrite(Duration.ofDays(1))
		.build();

	StoredUriCheck(RowMapper<RegisteredClient> delegate) {
		this.delegate = delegate;
	}

	@Override
	public RegisteredClient mapRow(ResultSet rs, int rowNum) throws SQLException {
		String clientId = rs.getString("client_id");
		ResultSet checked = (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(),
				new Class<?>[] { ResultSet.class }, (proxy, method, args) -> {
					try {
						Object value = method.invoke(rs, args);
						if ("getString".equals(method.getName()) && args.length == 1
								&& args[0] instanceof String column && URI_COLUMNS.contains(column)) {
							return valid(clientId, column, (String) value);
						}
						return value;
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
		return this.delegate.mapRow(checked, rowNum);
	}

	/** The comma-joined URIs without those that fail the policy. */
	String valid(String clientId, String column, String joined) {
		if (!StringUtils.hasLength(joined)) {
			return joined;
		}
		String[] uris = StringUtils.commaDelimitedListToStringArray(joined);
		List<String> kept = new ArrayList<>(uris.length);
		for (String uri : uris) {
			var problem = RedirectUriPolicy.check(uri);
			if (problem.isEmpty()) {
				kept.add(uri);
			}
			else {
				warnOnce(clientId, column, uri, problem.get());
			}
		}
		return (kept.size() == uris.length) ? joined : String.join(",", kept);
	}

	private void warnOnce(String clientId, String column, String uri, String problem) {
		String key = clientId + "\n" + column + "\n" + uri;
		if (this.reported.asMap().putIfAbsent(key, Boolean.TRUE) == null) {
			logger.warn("Client '" + clientId + "': ignoring the stored " + column + " value '"
					+ ClientRules.shown(uri).replaceAll("\\p{Cntrl}", "?") + "', which " + problem
					+ "; fix the app's registration in the console");
		}
	}

}
