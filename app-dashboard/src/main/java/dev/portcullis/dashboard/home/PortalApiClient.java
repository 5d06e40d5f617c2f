package dev.portcullis.dashboard.home;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.portcullis.client.relay.PortcullisTokenRelay;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Calls the portal's API as the signed-in user: the starter's token relay adds the user's access token
 * (refreshing it when it has expired), so the portal sees who is asking and with which scopes.
 */
@Component
class PortalApiClient {

	private static final Logger log = LoggerFactory.getLogger(PortalApiClient.class);

	private final PortcullisTokenRelay relay;
	private final String url;

	PortalApiClient(PortcullisTokenRelay relay, @Value("${portcullis.portal-api-url}") String url) {
		this.relay = relay;
		this.url = url;
	}

	/** One sentence for the home page; never an exception, the page must render either way. */
	String whoAmI() {
		try {
			Me me = this.relay.restClient().get().uri(this.url).retrieve().body(Me.class);
			return (me == null) ? "The portal's API gave an empty answer."
					: "The portal's API says you are %s (scopes: %s).".formatted(
					(me.username() != null) ? me.username() : me.subject(),
					String.join(", ", (me.scopes() != null) ? me.scopes() : List.of()));
		}
		catch (OAuth2AuthorizationException ex) {
			if (ex instanceof ClientAuthorizationRequiredException) {
				throw ex; // no usable token and no way to refresh it: Spring sends the user to sign in again
			}
			log.warn("Could not get an access token for the portal's API: {}", ex.getMessage());
			return "Could not get a fresh access token from the sign-in service, so the portal's API was not asked.";
		}
		catch (RestClientResponseException ex) {
			log.warn("The portal's API at {} answered {}", this.url, ex.getStatusCode());
			return "The portal's API refused to answer (HTTP %d).".formatted(ex.getStatusCode().value());
		}
		catch (RestClientException ex) {
			log.warn("The portal's API at {} is unreachable or unreadable: {}", this.url, ex.getMessage());
			return "The portal's API is not reachable right now.";
		}
	}

	record Me(String subject, String username, List<String> scopes) { }

}
