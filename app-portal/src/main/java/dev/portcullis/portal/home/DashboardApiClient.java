package dev.portcullis.portal.home;

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
 * Calls the dashboard's API as the signed-in user: the starter's token relay adds the user's access token
 * (refreshing it when it has expired), so the dashboard sees who is asking and with which scopes.
 */
@Component
class DashboardApiClient {

	private static final Logger log = LoggerFactory.getLogger(DashboardApiClient.class);

	private final PortcullisTokenRelay relay;
	private final String url;

	DashboardApiClient(PortcullisTokenRelay relay, @Value("${portcullis.dashboard-api-url}") String url) {
		this.relay = relay;
		this.url = url;
	}

	/** One sentence for the home page; never an exception, the page must render either way. */
	String whoAmI() {
		try {
			Me me = this.relay.restClient().get().uri(this.url).retrieve().body(Me.class);
			return (me == null) ? "The dashboard's API gave an empty answer."
					: "The dashboard's API says you are %s (scopes: %s).".formatted(
					(me.username() != null) ? me.username() : me.subject(),
					String.join(", ", (me.scopes() != null) ? me.scopes() : List.of()));
		}
		catch (OAuth2AuthorizationException ex) {
			if (ex instanceof ClientAuthorizationRequiredException) {
				throw ex; // no usable token and no way to refresh it: Spring sends the user to sign in again
			}
			log.warn("Could not get an access token for the dashboard's API: {}", ex.getMessage());
			return "Could not get a fresh access token from the sign-in service, so the dashboard's API was not asked.";
		}
		catch (RestClientResponseException ex) {
			log.warn("The dashboard's API at {} answered {}", this.url, ex.getStatusCode());
			return "The dashboard's API refused to answer (HTTP %d).".formatted(ex.getStatusCode().value());
		}
		catch (RestClientException ex) {
			log.warn("The dashboard's API at {} is unreachable or unreadable: {}", this.url, ex.getMessage());
			return "The dashboard's API is not reachable right now.";
		}
	}

	record Me(String subject, String username, List<String> scopes) { }

}
