package dev.portcullis.idp.clients;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Serves registered clients from memory for a short, bounded time. Every token request authenticates its client,
 * and the stock authorization lookups fetch the client again: without a cache that is one or two extra queries
 * per request. A change saved through this node is visible here at once; a change saved on another node is seen
 * here after at most {@code ttl}.
 */
public final class CachingRegisteredClientRepository implements RegisteredClientRepository {

	private final RegisteredClientRepository delegate;

	private final Cache<String, Optional<RegisteredClient>> byId;

	private final Cache<String, Optional<RegisteredClient>> byClientId;

	public CachingRegisteredClientRepository(RegisteredClientRepository delegate, Duration ttl) {
		this.delegate = delegate;
		this.byId = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).build();
		this.byClientId = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).build();
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		// The client id may have changed: forget the old one too.
		Optional<RegisteredClient> previous = this.byId.getIfPresent(registeredClient.getId());
		try {
			this.delegate.save(registeredClient);
		}
		finally {
			// Also after a failed save (say, a client id another node just took): the cached answer may be stale.
			evict(registeredClient);
			if (previous != null) {
				previous.ifPresent(this::evict);
			}
		}
	}

	@Override
	public RegisteredClient findById(String id) {
		return this.byId.get(id, (key) -> Optional.ofNullable(this.delegate.findById(key))).orElse(null);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return this.byClientId.get(clientId, (key) -> Optional.ofNullable(this.delegate.findByClientId(key)))
			.orElse(null);
	}

	/** Forgets a client on this node, after it was changed or deleted outside {@link #save}. */
	public void evict(RegisteredClient registeredClient) {
		this.byId.invalidate(registeredClient.getId());
		this.byClientId.invalidate(registeredClient.getClientId());
	}

}
