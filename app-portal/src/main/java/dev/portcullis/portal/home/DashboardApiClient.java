package dev.portcullis.portal.home;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import static org.springframework.security.oauth2.client.web.client.RequestAttributeClientRegistrationIdResolver.clientRegistrationId;

/**
 * Calls the dashboard's API as the signed-in user: the interceptor adds the user's access token
 * (refreshing it when it has expired), so the dashboard sees who is asking and with which scopes.
 */
@Component
class DashboardApiClient {

	private static final Logger log = LoggerFactory.getLogger(DashboardApiClient.class);

	private static final String REGISTRATION_ID = "portcullis";

	private final RestClient restClient;

	private final String url;

	DashboardApiClient(OAuth2AuthorizedClientManager authorizedClientManager,
			@Value("${portcullis.dashboard-api-url}") String url) {
		// A slow or unreachable API must not hold the home page for long.
		SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
		requestFactory.setConnectTimeout(Duration.ofSeconds(2));
		requestFactory.setReadTimeout(Duration.ofSeconds(5));
		this.restClient = RestClient.builder()
			.requestFactory(requestFactory)
			.requestInterceptor(new OAuth2ClientHttpRequestInterceptor(authorizedClientManager))
			.build();
		this.url = url;
	}

	/** One sentence for the home page; never an exception, the page must render either way. */
	String whoAmI() {
		try {
			Me me = this.restClient.get()
				.uri(this.url)
				.attributes(clientRegistrationId(REGISTRATION_ID))
				.retrieve()
				.body(Me.class);
			if (me == null) {
				return "The dashboard's API gave an empty answer.";
			}
			return "The dashboard's API says you are %s (scopes: %s)."
				.formatted((me.username() != null) ? me.username() : me.subject(), String.join(", ", me.scopes()));
		}
		catch (ClientAuthorizationRequiredException ex) {
			// No usable token and no way to refresh it: let Spring send the user to sign in again.
			throw ex;
		}
		catch (OAuth2AuthorizationException ex) {
			log.warn("Could not get an access token for the dashboard's API: {}", ex.getMessage());
			return "Could not get a fresh access token from the sign-in service, so the dashboard's API was not asked.";
		}
		catch (RestClientResponseException ex) {
			log.warn("The dashboard's API at {} answered {}", this.url, ex.getStatusCode());
			return "The dashboard's API refused to answer (HTTP %d).".formatted(ex.getStatusCode().value());
		}
		catch (ResourceAccessException ex) {
			log.warn("The dashboard's API at {} is unreachable: {}", this.url, ex.getMessage());
			return "The dashboard's API is not reachable right now.";
		}
		catch (RestClientException ex) {
			log.warn("The dashboard's API at {} gave an unreadable answer: {}", this.url, ex.getMessage());
			return "The dashboard's API gave an answer this app could not read.";
		}
	}

	record Me(String app, String subject, String username, List<String> scopes, String clientId) {

		Me {
			scopes = (scopes != null) ? scopes : List.of();
		}

	}

}
