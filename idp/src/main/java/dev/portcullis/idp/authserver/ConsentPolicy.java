package dev.portcullis.idp.authserver;

import java.util.Arrays;
import java.util.Set;

import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;

/**
 * When the consent page is shown: Spring's rule (the app asks for consent, and requests a scope beyond
 * {@code openid} that the person has not allowed yet), and always when an OpenID Connect request says
 * {@code prompt=consent} (Core 1.0, section 3.1.2.1), whatever was allowed before and whatever the app's setting.
 */
final class ConsentPolicy {

	private ConsentPolicy() {
	}

	static boolean consentRequired(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		Set<String> requested = context.getAuthorizationRequest().getScopes();
		if (requested.contains(OidcScopes.OPENID) && context.getAuthorizationRequest()
			.getAdditionalParameters()
			.get("prompt") instanceof String prompt && Arrays.asList(prompt.split(" ")).contains("consent")) {
			return true;
		}
		if (!context.getRegisteredClient().getClientSettings().isRequireAuthorizationConsent()) {
			return false;
		}
		if (requested.contains(OidcScopes.OPENID) && requested.size() == 1) {
			return false;
		}
		return context.getAuthorizationConsent() == null
				|| !context.getAuthorizationConsent().getScopes().containsAll(requested);
	}

}
