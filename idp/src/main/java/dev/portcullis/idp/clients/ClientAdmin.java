package dev.portcullis.idp.clients;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.portcullis.idp.admin.ConflictException;
import dev.portcullis.idp.admin.InvalidInputException;
import dev.portcullis.idp.admin.NotFoundException;
import dev.portcullis.idp.audit.AuditLog;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers, edits, disables, enables and deletes apps, and rotates their secrets: the one place these happen, for
 * the console, the admin API and dynamic registration alike. Every change is checked by {@link ClientRules}, saved
 * through the caching repository (so this node sees it at once, other nodes within the cache TTL) and written to the
 * audit log, never with a secret. Every app requires PKCE and gets rotating refresh tokens.
 */
@Service
public class ClientAdmin {

	private final CachingRegisteredClientRepository clients;

	private final ClientCatalog catalog;

	private final ClientSecretEncoder secretEncoder;

	private final AuditLog auditLog;

	private final TransactionTemplate transaction;

	ClientAdmin(CachingRegisteredClientRepository clients, ClientCatalog catalog, ClientSecretEncoder secretEncoder,
			AuditLog auditLog, PlatformTransactionManager transactionManager) {
		this.clients = clients;
		this.catalog = catalog;
		this.secretEncoder = secretEncoder;
		this.auditLog = auditLog;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	public List<ClientView> list() {
		Map<String, Instant> lastUsed = this.catalog.lastUsed();
		return this.catalog.all().stream().map((client) -> ClientView.of(client, lastUsed.get(client.getId()))).toList();
	}

	/** The app with this client id, enabled or not. */
	public ClientView get(String clientId) {
		RegisteredClient client = require(clientId);
		return ClientView.of(client, this.catalog.lastUsed(client.getId()));
	}

	public IssuedClient register(ClientDraft requested, String actor) {
		ClientDraft draft = PostLogoutDefault.applyTo(requested);
		ClientRules.check(draft).throwIfAny();
		String clientId = (draft.clientId() == null || draft.clientId().isEmpty()) ? newClientId(draft.name())
				: draft.clientId();
		if (this.clients.findByClientId(clientId) != null) {
			throw new ConflictException("clientId", "The client id '" + clientId + "' is already taken");
		}
		String secret = (draft.type() == ClientType.CONFIDENTIAL) ? ClientSecrets.generate() : null;
		RegisteredClient.Builder builder = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientIdIssuedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS))
			.tokenSettings(TokenSettings.builder()
				// Refresh tokens rotate on every use: a stolen one is good for one exchange at most.
				.reuseRefreshTokens(false)
				.build());
		if (secret != null) {
			builder.clientSecret(this.secretEncoder.encode(secret))
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
		}
		else {
			builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
		}
		RegisteredClient client = apply(builder, draft, ClientSettings.builder().build().getSettings()).build();
		try {
			this.clients.save(client);
		}
		catch (DuplicateKeyException ex) {
			// Registered on another node since this one last looked.
			throw new ConflictException("clientId", "The client id '" + clientId + "' is already taken");
		}
		catch (RegisteredClientColumns.TooLong ex) {
			throw tooLong(ex);
		}
		catch (IllegalArgumentException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains("duplicate client identifier")) {
				throw new ConflictException("clientId", "The client id '" + clientId + "' is already taken");
			}
			throw ex;
		}
		this.auditLog.success(actor, "client.registered", clientId, describe(draft));
		return new IssuedClient(ClientView.of(client, null), secret);
	}

	/** Changes everything but the client id and the type (confidential or public), which stay as registered. */
	public ClientView update(String clientId, ClientDraft draft, String actor) {
		RegisteredClient existing = require(clientId);
		ClientType type = ClientView.typeOf(existing);
		ClientDraft checked = new ClientDraft(clientId, draft.name(), type, draft.redirectUris(),
				draft.postLogoutRedirectUris(), draft.backchannelLogoutUri(), draft.scopes(), draft.consentRequired(),
				draft.grantTypes(), draft.secondFactorRequired());
		ClientRules.check(checked).throwIfAny();
		RegisteredClient updated = apply(RegisteredClient.from(existing), checked,
				existing.getClientSettings().getSettings())
			.build();
		try {
			this.clients.save(updated);
		}
		catch (RegisteredClientColumns.TooLong ex) {
			throw tooLong(ex);
		}
		this.auditLog.success(actor, "client.updated", clientId, describe(checked));
		return ClientView.of(updated, this.catalog.lastUsed(updated.getId()));
	}

	/** A new secret for a confidential app; the old one stops working at once on this node. */
	public IssuedClient rotateSecret(String clientId, String actor) {
		RegisteredClient existing = require(clientId);
		if (ClientView.typeOf(existing) != ClientType.CONFIDENTIAL) {
			throw new ConflictException("type", "A public app has no secret to rotate");
		}
		String secret = ClientSecrets.generate();
		RegisteredClient updated = RegisteredClient.from(existing)
			.clientSecret(this.secretEncoder.encode(secret))
			.build();
		this.clients.save(updated);
		this.auditLog.success(actor, "client.secret-rotated", clientId, null);
		return new IssuedClient(ClientView.of(updated, this.catalog.lastUsed(updated.getId())), secret);
	}

	public ClientView setEnabled(String clientId, boolean enabled, String actor) {
		RegisteredClient existing = require(clientId);
		RegisteredClient updated = RegisteredClient.from(existing)
			.clientSettings(ClientSettings.withSettings(existing.getClientSettings().getSettings())
				.setting(PortcullisClientSettings.ENABLED, enabled)
				.build())
			.build();
		this.clients.save(updated);
		this.auditLog.success(actor, enabled ? "client.enabled" : "client.disabled", clientId, null);
		return ClientView.of(updated, this.catalog.lastUsed(updated.getId()));
	}

	/** Deletes the app with its grants and consents: its refresh tokens stop working everywhere at once. */
	public void delete(String clientId, String actor) {
		RegisteredClient existing = require(clientId);
		Integer grants = this.transaction.execute((status) -> this.catalog.deleteWithGrants(existing.getId()));
		this.clients.evict(existing);
		this.auditLog.success(actor, "client.deleted", clientId, grants + " grants revoked");
	}

	/**
	 * A value the rules let through but its column cannot hold: a 400 on the field, not a 500. The rules are meant
	 * to make this unreachable; the storage check behind them says so if they ever drift from the schema.
	 */
	private static InvalidInputException tooLong(RegisteredClientColumns.TooLong ex) {
		String field = switch (ex.column()) {
			case "client_name" -> "name";
			case "redirect_uris" -> "redirectUris";
			case "post_logout_redirect_uris" -> "postLogoutRedirectUris";
			case "scopes" -> "scopes";
			case "client_settings" -> "backchannelLogoutUri";
			default -> "clientId";
		};
		return InvalidInputException.of(field, "Too long to be stored: " + ex.getMessage());
	}

	private RegisteredClient require(String clientId) {
		RegisteredClient client = (clientId != null) ? this.clients.findByClientId(clientId) : null;
		if (client == null) {
			throw new NotFoundException("No app with client id '" + clientId + "'");
		}
		return client;
	}

	private static RegisteredClient.Builder apply(RegisteredClient.Builder builder, ClientDraft draft,
			Map<String, Object> previousSettings) {
		Map<String, Object> settings = new HashMap<>(previousSettings);
		settings.remove(PortcullisClientSettings.BACKCHANNEL_LOGOUT_URI);
		ClientSettings.Builder clientSettings = ClientSettings.withSettings(settings)
			// PKCE for every app, public or confidential (OAuth 2.1, RFC 9700).
			.requireProofKey(true)
			.requireAuthorizationConsent(draft.consentRequired());
		if (!settings.containsKey(PortcullisClientSettings.ENABLED)) {
			clientSettings.setting(PortcullisClientSettings.ENABLED, true);
		}
		if (draft.backchannelLogoutUri() != null) {
			clientSettings.setting(PortcullisClientSettings.BACKCHANNEL_LOGOUT_URI, draft.backchannelLogoutUri());
		}
		clientSettings.setting(PortcullisClientSettings.SECOND_FACTOR_REQUIRED, draft.secondFactorRequired());
		return builder.clientName(draft.name())
			.authorizationGrantTypes((grants) -> {
				grants.clear();
				draft.grantTypes().forEach((grant) -> grants.add(new AuthorizationGrantType(grant)));
			})
			.redirectUris((uris) -> {
				uris.clear();
				uris.addAll(draft.redirectUris());
			})
			.postLogoutRedirectUris((uris) -> {
				uris.clear();
				uris.addAll(draft.postLogoutRedirectUris());
			})
			.scopes((scopes) -> {
				scopes.clear();
				scopes.addAll(draft.scopes());
			})
			.clientSettings(clientSettings.build());
	}

	/** A client id from the name ("Monthly Reports" gives "monthly-reports"), with a random tail if taken. */
	private String newClientId(String name) {
		String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		if (slug.length() > 40) {
			slug = slug.substring(0, 40).replaceAll("-+$", "");
		}
		if (slug.isEmpty()) {
			slug = "app";
		}
		String candidate = slug;
		while (this.clients.findByClientId(candidate) != null) {
			candidate = slug + "-" + ClientSecrets.generate().substring(0, 6).toLowerCase(Locale.ROOT)
				.replaceAll("[^a-z0-9]", "x");
		}
		return candidate;
	}

	private static String describe(ClientDraft draft) {
		return "name=" + draft.name() + "; type=" + draft.type().name().toLowerCase(Locale.ROOT) + "; grants="
				+ String.join(" ", draft.grantTypes()) + "; redirect URIs=" + String.join(" ", draft.redirectUris())
				+ "; scopes=" + String.join(" ", draft.scopes()) + "; second factor="
				+ (draft.secondFactorRequired() ? "required" : "not required");
	}

}
