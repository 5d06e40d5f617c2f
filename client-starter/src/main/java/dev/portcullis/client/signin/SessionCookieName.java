package dev.portcullis.client.signin;

import java.util.Locale;

import dev.portcullis.client.PortcullisClientProperties;

import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.boot.web.server.Cookie;
import org.springframework.core.Ordered;
import org.springframework.util.StringUtils;

/**
 * Apps on one host see each other's cookies whatever their port, so each needs a session cookie of its own:
 * {@code portcullis.client.session-cookie-name}, else the client id in capitals followed by {@code _SESSION}
 * ({@code PORTAL_SESSION}). A name set with Boot's {@code server.servlet.session.cookie.name} wins; this runs after
 * Boot has applied it.
 */
final class SessionCookieName implements WebServerFactoryCustomizer<ConfigurableServletWebServerFactory>, Ordered {

	private final PortcullisClientProperties properties;

	SessionCookieName(PortcullisClientProperties properties) {
		this.properties = properties;
	}

	@Override
	public void customize(ConfigurableServletWebServerFactory factory) {
		Cookie cookie = factory.getSettings().getSession().getCookie();
		if (cookie.getName() == null) {
			cookie.setName(name());
		}
	}

	String name() {
		if (StringUtils.hasText(this.properties.getSessionCookieName())) {
			return this.properties.getSessionCookieName();
		}
		// A cookie name is a token (RFC 6265): letters, digits and a few marks only.
		return this.properties.getClientId().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_SESSION";
	}

	@Override
	public int getOrder() {
		// Boot's ServletWebServerFactoryCustomizer (order 0) copies server.servlet.session.* first.
		return 10;
	}

}
