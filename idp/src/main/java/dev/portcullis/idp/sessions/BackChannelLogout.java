package dev.portcullis.idp.sessions;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.portcullis.idp.audit.AuditLog;
import jakarta.annotation.PreDestroy;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * OpenID Connect Back-Channel Logout 1.0, the sending side: when an SSO session ends, every app that received
 * tokens under it and registered a back-channel logout URI gets a signed logout token (section 2.4: iss, aud,
 * iat, exp, jti, sub, sid, events; never a nonce), POSTed as {@code logout_token} (section 2.5).
 * <p>
 * Delivery is asynchronous and holds no thread while it waits, so neither a slow or dead app nor many of them
 * delay anyone's sign-out or other apps' deliveries; each attempt is bounded by
 * {@code portcullis.sessions.back-channel-timeout} and a failed one is retried with a growing pause. Every
 * delivery and its outcome go to the audit log; the token itself never does.
 */
@Component
public class BackChannelLogout {

	/** ClientSettings key of a client's back-channel logout URI (absent: the client is not notified). */
	public static final String URI_SETTING = "portcullis.backchannel-logout-uri";

	static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

	/** How long a logout token is valid: long enough for retries, short enough to be useless if captured. */
	private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(2);

	private static final Log logger = LogFactory.getLog(BackChannelLogout.class);

	private final JwtEncoder jwtEncoder;

	private final AuthorizationServerSettings settings;

	private final RegisteredClientRepository clients;

	private final AuditLog auditLog;

	private final SessionProperties properties;

	/**
	 * Made at the first delivery, not at start: building an HTTP client sets up TLS (the trust store, a few hundred
	 * classes) and starts a selector thread, about 3% of the IdP's start-up CPU, for something many nodes never use.
	 */
	private final SingletonSupplier<HttpClient> http;

	/** Only schedules retries; deliveries themselves run on the HTTP client's asynchronous I/O. */
	private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "backchannel-logout");
		thread.setDaemon(true);
		return thread;
	});

	BackChannelLogout(JwtEncoder jwtEncoder, AuthorizationServerSettings settings, RegisteredClientRepository clients,
			AuditLog auditLog, SessionProperties properties) {
		this.jwtEncoder = jwtEncoder;
		this.settings = settings;
		this.clients = clients;
		this.auditLog = auditLog;
		this.properties = properties;
		this.http = SingletonSupplier.of(() -> HttpClient.newBuilder()
			.connectTimeout(properties.backChannelTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build());
	}

	/** Tells each of {@code registeredClientIds} (internal ids) that session {@code sid} of {@code subject} ended. */
	public void notifyClients(String sid, String subject, Collection<String> registeredClientIds) {
		for (String registeredClientId : registeredClientIds) {
			try {
				RegisteredClient client = this.clients.findById(registeredClientId);
				String uri = (client != null) ? client.getClientSettings().getSetting(URI_SETTING) : null;
				if (uri != null && !uri.isBlank()) {
					deliver(new Delivery(client.getClientId(), URI.create(uri), sid, subject), 1);
				}
			}
			catch (RuntimeException ex) {
				// one misconfigured app must not keep the others from being told
				logger.warn("Back-channel logout to registered client '" + registeredClientId + "' not sent", ex);
				this.auditLog.failure("system", "backchannel-logout.failed", registeredClientId, describe(ex));
			}
		}
	}

	String logoutToken(String clientId, String sid, String subject) {
		Instant now = Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.settings.getIssuer())
			.audience(List.of(clientId))
			.issuedAt(now)
			.expiresAt(now.plus(TOKEN_LIFETIME))
			.id(UUID.randomUUID().toString())
			.subject(subject)
			.claim("sid", sid)
			.claim("events", Map.of(EVENT, Map.of()))
			.build();
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).type("logout+jwt").build();
		return this.jwtEncoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

	/**
	 * One attempt, without blocking a thread: the exchange runs on the HTTP client's own I/O and is cut off, body
	 * included, after the timeout. Each attempt signs a fresh token, so a late retry never carries an expired one.
	 */
	private void deliver(Delivery delivery, int attempt) {
		HttpRequest request = HttpRequest.newBuilder(delivery.uri())
			.timeout(this.properties.backChannelTimeout())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cache-Control", "no-store")
			.POST(HttpRequest.BodyPublishers.ofString("logout_token=" + URLEncoder
				.encode(logoutToken(delivery.clientId(), delivery.sid(), delivery.subject()), StandardCharsets.UTF_8)))
			.build();
		CompletableFuture<HttpResponse<Void>> exchange = this.http.obtain().sendAsync(request,
				HttpResponse.BodyHandlers.discarding());
		exchange.orTimeout(this.properties.backChannelTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.whenComplete((response, failure) -> {
				if (failure != null) {
					exchange.cancel(true);
				}
				settle(delivery, attempt, response, failure);
			});
	}

	private void settle(Delivery delivery, int attempt, HttpResponse<Void> response, Throwable failure) {
		int status = (response != null) ? response.statusCode() : 0;
		if (failure == null && (status == 200 || status == 204)) {
			this.auditLog.success("system", "backchannel-logout.delivered", delivery.clientId(),
					"attempt " + attempt + ", HTTP " + status);
			return;
		}
		String outcome = (failure != null) ? describe(failure) : "HTTP " + status;
		if (attempt < this.properties.backChannelAttempts()) {
			this.retries.schedule(() -> deliver(delivery, attempt + 1), attempt, TimeUnit.SECONDS);
			return;
		}
		logger.warn("Back-channel logout to client '" + delivery.clientId() + "' failed after " + attempt
				+ " attempts: " + outcome);
		this.auditLog.failure("system", "backchannel-logout.failed", delivery.clientId(),
				"gave up after " + attempt + " attempts, last: " + outcome);
	}

	/**
	 * In words: the audit log is shown in the console and the admin API, where class names say nothing. The whole
	 * chain of causes is looked at: the HTTP client's ConnectException wraps a ClosedChannelException, and
	 * orTimeout's cut-off is a TimeoutException, not an HttpTimeoutException.
	 */
	private static String describe(Throwable failure) {
		if (causedBy(failure, HttpTimeoutException.class) || causedBy(failure, TimeoutException.class)) {
			return "timed out";
		}
		if (causedBy(failure, ConnectException.class)) {
			return "connection refused";
		}
		return causedBy(failure, IOException.class) ? "network error" : "internal error (see the log)";
	}

	private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	@PreDestroy
	void stop() {
		this.retries.shutdownNow();
	}

	private record Delivery(String clientId, URI uri, String sid, String subject) {
	}

}
