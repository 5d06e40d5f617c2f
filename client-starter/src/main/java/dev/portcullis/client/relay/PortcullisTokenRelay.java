package dev.portcullis.client.relay;

import java.time.Duration;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * Calls another app's API as the signed-in person: every request carries their access token, refreshed first when
 * it has expired (or is about to, within a minute), so the other app sees who is asking and with which scopes.
 * Use it while serving that person's request:
 *
 * <pre>
 * Me me = relay.restClient().get().uri("http://localhost:8082/api/me").retrieve().body(Me.class);
 * </pre>
 *
 * When no token can be had, the call throws {@code ClientAuthorizationRequiredException}; rethrown from a
 * controller, Spring sends the person to sign in again.
 */
public final class PortcullisTokenRelay {

	private final RestClient restClient;

	public PortcullisTokenRelay(OAuth2AuthorizedClientManager authorizedClients, String registrationId,
			Duration connectTimeout, Duration readTimeout) {
		// A slow or unreachable API must not hold the page that asks it for long.
		SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
		requestFactory.setConnectTimeout(connectTimeout);
		requestFactory.setReadTimeout(readTimeout);
		OAuth2ClientHttpRequestInterceptor tokens = new OAuth2ClientHttpRequestInterceptor(authorizedClients);
		tokens.setClientRegistrationIdResolver((request) -> registrationId);
		this.restClient = RestClient.builder().requestFactory(requestFactory).requestInterceptor(tokens).build();
	}

	/** A client whose every request carries the signed-in person's access token. */
	public RestClient restClient() {
		return this.restClient;
	}

}
