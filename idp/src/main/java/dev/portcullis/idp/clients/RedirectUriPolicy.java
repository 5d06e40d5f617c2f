package dev.portcullis.idp.clients;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Redirect URI rule (RFC 6749 section 3.1.2, RFC 9700 section 4.1, OAuth 2.1 section 2.3.1): a registered
 * redirect URI is absolute, has no fragment and no wildcard, and uses {@code https}, except that the loopback hosts
 * {@code localhost}, {@code 127.0.0.1} and {@code [::1]} may use plain {@code http}. Every other scheme
 * ({@code javascript:}, {@code data:}, custom schemes) is refused, and so is a user name or password in the URI.
 * A comma is refused too: URIs are stored comma-joined, so a comma inside one would split it in two on read,
 * the second never checked (write it as {@code %2C}). The same rule applies to post-logout redirect URIs and the back-channel logout URI, in the console, the admin API
 * and dynamic registration alike.
 */
public final class RedirectUriPolicy {

	static final int MAX_LENGTH = 2000;

	private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

	private RedirectUriPolicy() {
	}

	/** Why {@code uri} cannot be registered, or empty when it can. */
	public static Optional<String> check(String uri) {
		if (uri == null || uri.isBlank()) {
			return Optional.of("must not be empty");
		}
		if (uri.length() > MAX_LENGTH) {
			return Optional.of("must be at most " + MAX_LENGTH + " characters");
		}
		if (uri.contains("*")) {
			return Optional.of("must not contain a wildcard (*): redirect URIs are matched exactly");
		}
		URI parsed;
		try {
			parsed = new URI(uri);
		}
		catch (URISyntaxException ex) {
			return Optional.of("is not a valid URI");
		}
		if (!parsed.isAbsolute() || parsed.isOpaque() || parsed.getHost() == null) {
			return Optional.of("must be an absolute URI with a host, such as https://app.example.com/callback");
		}
		if (parsed.getRawFragment() != null || uri.contains("#")) {
			return Optional.of("must not contain a fragment (#)");
		}
		if (parsed.getRawUserInfo() != null) {
			return Optional.of("must not contain a user name or password");
		}
		if (uri.contains(",")) {
			return Optional.of("must not contain a comma (,): write it as %2C");
		}
		String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
		if ("https".equals(scheme)) {
			return Optional.empty();
		}
		if ("http".equals(scheme)) {
			return isLoopback(parsed.getHost()) ? Optional.empty()
					: Optional.of("must use https (http is allowed only for localhost, 127.0.0.1 and [::1])");
		}
		return Optional.of("must use https (http is allowed only for localhost, 127.0.0.1 and [::1])");
	}

	private static boolean isLoopback(String host) {
		return LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT));
	}

}
