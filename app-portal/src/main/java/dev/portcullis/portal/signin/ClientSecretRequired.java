package dev.portcullis.portal.signin;

import java.util.Map;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The app has no built-in client secret: one that shipped in the jar would be known to everyone, so anyone could
 * redeem this app's codes. Without one (outside the demo profile, which sets the demo's published secret) the app
 * refuses to start and says what to set, rather than failing at the first sign-in with a token error.
 */
@Component
class ClientSecretRequired implements InitializingBean {

	static final String VARIABLE = "PORTAL_CLIENT_SECRET";

	private final OAuth2ClientProperties properties;

	ClientSecretRequired(OAuth2ClientProperties properties) {
		this.properties = properties;
	}

	@Override
	public void afterPropertiesSet() {
		for (Map.Entry<String, OAuth2ClientProperties.Registration> entry : this.properties.getRegistration().entrySet()) {
			OAuth2ClientProperties.Registration registration = entry.getValue();
			String method = registration.getClientAuthenticationMethod();
			boolean needsSecret = method == null || method.startsWith("client_secret");
			if (needsSecret && !StringUtils.hasText(registration.getClientSecret())) {
				throw new IllegalStateException("No client secret for client '" + registration.getClientId() + "': set "
						+ VARIABLE + " (spring.security.oauth2.client.registration." + entry.getKey()
						+ ".client-secret) to the secret the identity provider showed when this app was registered. "
						+ "Only the demo profile has a built-in secret, the demo's published one.");
			}
		}
	}

}
