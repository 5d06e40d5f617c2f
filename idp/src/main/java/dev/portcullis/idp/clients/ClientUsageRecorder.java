package dev.portcullis.idp.clients;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Remembers when each app last got tokens ("last used" in the console). The token endpoint is the hot path, so a
 * node writes at most once a minute per app; the time shown is accurate to that minute.
 */
@Component
class ClientUsageRecorder {

	private static final Duration RESOLUTION = Duration.ofMinutes(1);

	private final ClientCatalog catalog;

	private final ConcurrentMap<String, Instant> lastWritten = new ConcurrentHashMap<>();

	ClientUsageRecorder(ClientCatalog catalog) {
		this.catalog = catalog;
	}

	@EventListener
	void onTokensIssued(AuthenticationSuccessEvent event) {
		if (event.getAuthentication() instanceof OAuth2AccessTokenAuthenticationToken tokens) {
			record(tokens.getRegisteredClient().getId(), Instant.now());
		}
	}

	void record(String id, Instant now) {
		Instant previous = this.lastWritten.get(id);
		if (previous != null && previous.plus(RESOLUTION).isAfter(now)) {
			return;
		}
		this.lastWritten.put(id, now);
		this.catalog.recordUse(id, now);
	}

}
