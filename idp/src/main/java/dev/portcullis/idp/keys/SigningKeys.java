package dev.portcullis.idp.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * The IdP's signing keys, read from the database and held in memory for a short time (so every node of a cluster
 * sees a new key within {@link #REFRESH_INTERVAL}). At first start, when the database holds no active key, one
 * key of the configured algorithm (RS256 unless {@code portcullis.keys.algorithm} says ES256) is generated and stored; every later start reuses it, so tokens and sessions survive a restart. Keys
 * rotate: see {@link #scheduleSuccessor} and {@link KeyProperties}.
 * <p>
 * A key stays published after its successor took over for its {@link #retention()}: {@code retain-after}, or the
 * lifetime of the longest-lived JWT the IdP signs ({@link SignedTokenLifetime}) when that is longer, so no token
 * outlives the key that verifies it.
 */
@Service
public class SigningKeys {

	private static final Log logger = LogFactory.getLog(SigningKeys.class);

	static final Duration REFRESH_INTERVAL = Duration.ofMinutes(1);

	static final Duration UNKNOWN_KID_RELOAD_INTERVAL = Duration.ofSeconds(10);

	private final SigningKeyRepository repository;

	private final KeyProperties properties;

	private final Clock clock;

	private final Duration retention;

	private volatile Snapshot snapshot;

	@Autowired
	SigningKeys(SigningKeyRepository repository, KeyProperties properties, List<SignedTokenLifetime> tokens) {
		this(repository, properties, Clock.systemUTC(), tokens);
	}

	SigningKeys(SigningKeyRepository repository, KeyProperties properties, Clock clock) {
		this(repository, properties, clock, List.of());
	}

	SigningKeys(SigningKeyRepository repository, KeyProperties properties, Clock clock,
			List<SignedTokenLifetime> tokens) {
		this.repository = repository;
		this.properties = properties;
		this.clock = clock;
		this.retention = retention(properties.retainAfter(), tokens);
	}

	/** The longer of {@code retainAfter} and the longest-lived signed token. */
	static Duration retention(Duration retainAfter, List<SignedTokenLifetime> tokens) {
		Duration retention = retainAfter;
		for (SignedTokenLifetime token : tokens) {
			if (token.longest().compareTo(retention) > 0) {
				retention = token.longest();
			}
		}
		if (retention.compareTo(retainAfter) > 0) {
			logger.info("Signing keys stay published " + retention + " after their successor takes over (longer "
					+ "than portcullis.keys.retain-after, " + retainAfter + ": the longest-lived signed token lives that long)");
		}
		return retention;
	}

	/**
	 * Reads the keys (and at a first start generates one: an RSA key takes a good part of a second of CPU in code
	 * the JIT has not compiled yet) on a thread of its own as soon as the context is up, while the start-up runners
	 * still work on the other core, instead of when readiness first asks. A failure here only leaves the work to
	 * that first use, which reports it.
	 */
	@EventListener(ApplicationStartedEvent.class)
	void loadInBackground() {
		Thread thread = new Thread(() -> {
			try {
				current();
			}
			catch (RuntimeException ex) {
				logger.debug("Loading the signing keys at start failed; the first use tries again", ex);
			}
		}, "signing-keys-load");
		thread.setDaemon(true);
		thread.start();
	}

	/** How long a key stays published after its successor took over. */
	Duration retention() {
		return this.retention;
	}

	/** Every key a verifier may meet: the active key, the next one and the retired ones still in use. */
	public JWKSet published() {
		return current().published();
	}

	/**
	 * Reads the keys again when a token names a key this node has not seen yet (another node generated it in the
	 * last minute), at most every {@link #UNKNOWN_KID_RELOAD_INTERVAL}, so tokens with made-up key ids cannot make
	 * every request hit the database.
	 */
	public JWKSet publishedAfterUnknownKeyId() {
		Snapshot current = this.snapshot;
		if (current == null || current.loadedAt().plus(UNKNOWN_KID_RELOAD_INTERVAL).isBefore(this.clock.instant())) {
			synchronized (this) {
				this.snapshot = null;
			}
		}
		return published();
	}

	/** The one key that signs now (with its private part). */
	public JWKSet signing() {
		return current().signing();
	}

	/** The algorithm of the key that signs now, for the header of what it signs. */
	public JWSAlgorithm signingAlgorithm() {
		var algorithm = current().signing().getKeys().get(0).getAlgorithm();
		return (algorithm != null) ? JWSAlgorithm.parse(algorithm.getName()) : JWSAlgorithm.RS256;
	}

	private Snapshot current() {
		Snapshot current = this.snapshot;
		if (current == null || current.isStale(this.clock.instant())) {
			current = reload();
		}
		return current;
	}

	/** Forgets what this node holds, so the next use reads the keys again. */
	void forget() {
		this.snapshot = null;
	}

	private synchronized Snapshot reload() {
		Snapshot current = this.snapshot;
		if (current != null && !current.isStale(this.clock.instant())) {
			return current; // another thread reloaded while this one waited
		}
		// Millisecond precision, so a stored and re-read activation time compares equal to this one.
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		List<SigningKey> keys = this.repository.findPublished(now);
		SigningKey active = keys.stream().filter((key) -> key.isActiveAt(now)).findFirst().orElse(null);
		if (active == null) {
			JWK generated = generate(this.properties.algorithm());
			insert(generated, now);
			logger.info("Generated signing key " + generated.getKeyID() + " (first start, or no active key)");
			keys = this.repository.findPublished(now);
			active = keys.stream().filter((key) -> key.isActiveAt(now)).findFirst().orElseThrow();
		}
		if (scheduleSuccessor(active, keys, now) | keepLongEnough(keys)) {
			keys = this.repository.findPublished(now);
		}
		List<JWK> publicKeys = keys.stream().map((key) -> key.jwk().toPublicJWK()).toList();
		this.snapshot = new Snapshot(new JWKSet(publicKeys), new JWKSet(active.jwk()), now);
		return this.snapshot;
	}

	/**
	 * Rotation: once the active key is within {@code publishAhead} of the end of its interval and no successor is
	 * scheduled, a new key is stored to take over at the end of the interval (published from now, signing from
	 * then), and the active key is set to retire {@link #retention()} after that.
	 */
	private boolean scheduleSuccessor(SigningKey active, List<SigningKey> keys, Instant now) {
		boolean successorScheduled = keys.stream()
			.anyMatch((key) -> key.activatedAt() != null && key.activatedAt().isAfter(active.activatedAt()));
		Instant handover = active.activatedAt().plus(this.properties.rotationInterval());
		// A change of algorithm is a rotation that is due now.
		var activeAlgorithm = active.jwk().getAlgorithm();
		boolean algorithmChanged = activeAlgorithm != null
				&& !this.properties.algorithm().name().equals(activeAlgorithm.getName());
		if (successorScheduled || (!algorithmChanged && now.isBefore(handover.minus(this.properties.publishAhead())))) {
			return false;
		}
		if (algorithmChanged) {
			handover = now.plus(this.properties.publishAhead());
		}
		if (handover.isBefore(now.plus(this.properties.publishAhead()))) {
			// late (the IdP was down at the due time): still give verifiers the full head start
			handover = now.plus(this.properties.publishAhead());
		}
		JWK successor = generate(this.properties.algorithm());
		if (!insert(successor, handover)) {
			return true; // another node scheduled it at the same moment
		}
		this.repository.retire(active.kid(), handover.plus(this.retention));
		logger.info("Scheduled signing key " + successor.getKeyID() + " to take over from " + active.kid() + " at "
				+ handover);
		return true;
	}

	/**
	 * A key set to retire before its retention is up (scheduled by a version or configuration with a shorter
	 * retention, while tokens it signed may still be outstanding) is kept published longer. Only ever extends, so
	 * nodes with different settings cannot shorten each other's.
	 */
	private boolean keepLongEnough(List<SigningKey> keys) {
		boolean extended = false;
		for (SigningKey key : keys) {
			if (key.retiredAt() == null || key.activatedAt() == null) {
				continue;
			}
			Instant handover = keys.stream()
				.map(SigningKey::activatedAt)
				.filter((activation) -> activation != null && activation.isAfter(key.activatedAt()))
				.min(Instant::compareTo)
				.orElse(null);
			if (handover != null && key.retiredAt().isBefore(handover.plus(this.retention))) {
				this.repository.retire(key.kid(), handover.plus(this.retention));
				logger.info("Signing key " + key.kid() + " stays published until " + handover.plus(this.retention));
				extended = true;
			}
		}
		return extended;
	}

	private boolean insert(JWK jwk, Instant activatedAt) {
		try {
			this.repository.insert(jwk, activatedAt);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false; // another node inserted a key for the same instant first
		}
	}

	static JWK generate(KeyProperties.Algorithm algorithm) {
		try {
			String kid = UUID.randomUUID().toString();
			return switch (algorithm) {
				case RS256 -> new RSAKeyGenerator(2048).keyID(kid)
					.keyUse(KeyUse.SIGNATURE)
					.algorithm(JWSAlgorithm.RS256)
					.generate();
				case ES256 -> new ECKeyGenerator(Curve.P_256).keyID(kid)
					.keyUse(KeyUse.SIGNATURE)
					.algorithm(JWSAlgorithm.ES256)
					.generate();
			};
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate a " + algorithm + " key", ex);
		}
	}

	private record Snapshot(JWKSet published, JWKSet signing, Instant loadedAt) {

		boolean isStale(Instant now) {
			return this.loadedAt.plus(REFRESH_INTERVAL).isBefore(now);
		}

	}

}
