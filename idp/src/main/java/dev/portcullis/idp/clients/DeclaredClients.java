package dev.portcullis.idp.clients;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.portcullis.idp.admin.FieldErrors;
import dev.portcullis.idp.sessions.BackChannelLogout;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties.Client;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties.Registration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Clients declared in configuration, with Spring Boot's own keys
 * ({@code spring.security.oauth2.authorizationserver.client.<key>.registration.*}), are upserted into the database
 * at every start: created when new, brought in line with the configuration when they exist. A plain secret is
 * hashed before it is stored. Clients registered by other means are left alone.
 * <p>
 * Their redirect URIs, post-logout redirect URIs, back-channel logout URI and scopes obey the same rules as those of
 * any other app ({@link ClientRules#checkRegisteredValues}): a bad value stops the IdP at start with a message that
 * names the key to fix, rather than being stored and misread (a comma splits a value in two on read) or dropped.
 * <p>
 * A plain secret must have at least {@value #MIN_SECRET_LENGTH} characters, except with the {@code demo} profile,
 * whose apps have published secrets anyway: a declared secret is typed by a person, and a short one can be guessed
 * at the token endpoint, whereas the secrets the IdP generates have 256 random bits. A secret given already hashed
 * ({@code {sha256}...}, {@code {bcrypt}...}) cannot be measured and is taken as it is.
 */
@Component
@Order(0)
class DeclaredClients implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(DeclaredClients.class);

	/** 32 characters: about 190 bits when random (base64), and not something a person makes up on the spot. */
	static final int MIN_SECRET_LENGTH = 32;

	private final OAuth2AuthorizationServerProperties properties;

	private final CachingRegisteredClientRepository clients;

	private final ClientSecretEncoder secretEncoder;

	private final ClientsConfig.ClientsProperties clientsProperties;

	private final boolean demo;

	DeclaredClients(OAuth2AuthorizationServerProperties properties, CachingRegisteredClientRepository clients,
			ClientSecretEncoder secretEncoder, ClientsConfig.ClientsProperties clientsProperties,
			Environment environment) {
		this.properties = properties;
		this.demo = environment.matchesProfiles("demo");
		this.clientsProperties = clientsProperties;
		this.clients = clients;
		this.secretEncoder = secretEncoder;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (Map.Entry<String, Client> entry : this.properties.getClient().entrySet()) {
			RegisteredClient declared;
			try {
				declared = upsert(entry.getKey(), entry.getValue());
			}
			catch (DuplicateKeyException ex) {
				// another IdP node starting at the same moment inserted it first: now it is an update
				declared = upsert(entry.getKey(), entry.getValue());
			}
			logger.info("Declared client '" + declared.getClientId() + "' is registered");
		}
	}

	RegisteredClient upsert(String key, Client client) {
		Registration registration = client.getRegistration();
		String clientId = StringUtils.hasText(registration.getClientId()) ? registration.getClientId() : key;
		check(key, clientId, client);
		RegisteredClient existing = this.clients.findByClientId(clientId);
		RegisteredClient.Builder builder = (existing != null) ? RegisteredClient.from(existing)
				: RegisteredClient.withId(UUID.randomUUID().toString());
		builder.clientId(clientId)
			.clientName(StringUtils.hasText(registration.getClientName()) ? registration.getClientName() : clientId)
			.clientSecret(encodeSecret(registration.getClientSecret()))
			.clientAuthenticationMethods(replaceWith(registration.getClientAuthenticationMethods(),
					ClientAuthenticationMethod::new))
			.authorizationGrantTypes(replaceWith(registration.getAuthorizationGrantTypes(),
					AuthorizationGrantType::new))
			.redirectUris(replaceWith(registration.getRedirectUris(), (uri) -> uri))
			.postLogoutRedirectUris(replaceWith(registration.getPostLogoutRedirectUris(), (uri) -> uri))
			.scopes(replaceWith(registration.getScopes(), (scope) -> scope))
			.clientSettings(keepDisabled(existing,
					clientSettings(client, this.clientsProperties.backchannelLogoutUris().get(clientId),
							this.clientsProperties.secondFactorRequired().contains(clientId))))
			.tokenSettings(tokenSettings(client.getToken()));
		RegisteredClient registeredClient = builder.build();
		this.clients.save(registeredClient);
		return registeredClient;
	}

	private void check(String key, String clientId, Client client) {
		Registration registration = client.getRegistration();
		FieldErrors errors = new FieldErrors();
		String backchannelLogoutUri = this.clientsProperties.backchannelLogoutUris().get(clientId);
		ClientRules.checkRegisteredValues(List.copyOf(registration.getRedirectUris()),
				List.copyOf(registration.getPostLogoutRedirectUris()),
				StringUtils.hasText(backchannelLogoutUri) ? backchannelLogoutUri : null,
				List.copyOf(registration.getScopes()), errors);
		if (!this.demo && isShortPlainSecret(registration.getClientSecret())) {
			errors.reject("clientSecret", "must have at least " + MIN_SECRET_LENGTH + " characters outside the demo "
					+ "profile (a random one: openssl rand -base64 32)");
		}
		if (!errors.isEmpty()) {
			String prefix = "spring.security.oauth2.authorizationserver.client." + key + ".";
			Map<String, String> keys = Map.of("redirectUris", prefix + "registration.redirect-uris",
					"postLogoutRedirectUris", prefix + "registration.post-logout-redirect-uris", "scopes",
					prefix + "registration.scopes", "clientSecret", prefix + "registration.client-secret",
					"backchannelLogoutUri",
					"portcullis.clients.backchannel-logout-uris." + clientId);
			StringBuilder message = new StringBuilder("Declared client '" + clientId + "' cannot be registered:");
			errors.asMap().forEach((field, problem) -> message.append("\n  ")
				.append(keys.getOrDefault(field, field))
				.append(": ")
				.append(problem));
			throw new IllegalStateException(message.toString());
		}
	}

	private static boolean isShortPlainSecret(String secret) {
		if (!StringUtils.hasText(secret)) {
			return false; // a public client
		}
		String plain = secret.startsWith("{noop}") ? secret.substring("{noop}".length()) : secret;
		return !ClientSecretEncoder.isEncoded(plain) && plain.length() < MIN_SECRET_LENGTH;
	}

	private String encodeSecret(String secret) {
		if (!StringUtils.hasText(secret)) {
			return null;
		}
		if (secret.startsWith("{noop}")) {
			secret = secret.substring("{noop}".length());
		}
		return ClientSecretEncoder.isEncoded(secret) ? secret : this.secretEncoder.encode(secret);
	}

	private static <T> Consumer<java.util.Set<T>> replaceWith(java.util.Set<String> values,
			java.util.function.Function<String, T> mapper) {
		return (set) -> {
			set.clear();
			values.stream().map(mapper).forEach(set::add);
		};
	}

	/** An app an admin disabled in the console stays disabled across restarts until an admin enables it. */
	private static ClientSettings keepDisabled(RegisteredClient existing, ClientSettings settings) {
		if (existing == null || PortcullisClientSettings.isEnabled(existing)) {
			return settings;
		}
		return ClientSettings.withSettings(settings.getSettings()).setting(PortcullisClientSettings.ENABLED, false).build();
	}

	private static ClientSettings clientSettings(Client client, String backchannelLogoutUri,
			boolean secondFactorRequired) {
		ClientSettings.Builder settings = ClientSettings.builder()
			// PKCE for every client, public or confidential (OAuth 2.1, RFC 9700).
			.requireProofKey(true)
			.requireAuthorizationConsent(client.isRequireAuthorizationConsent());
		if (secondFactorRequired) {
			settings.setting(PortcullisClientSettings.SECOND_FACTOR_REQUIRED, true);
		}
		if (StringUtils.hasText(backchannelLogoutUri)) {
			settings.setting(BackChannelLogout.URI_SETTING, backchannelLogoutUri);
		}
		if (StringUtils.hasText(client.getJwkSetUri())) {
			settings.jwkSetUrl(client.getJwkSetUri());
		}
		if (StringUtils.hasText(client.getTokenEndpointAuthenticationSigningAlgorithm())) {
			String algorithm = client.getTokenEndpointAuthenticationSigningAlgorithm();
			settings.tokenEndpointAuthenticationSigningAlgorithm(
					(SignatureAlgorithm.from(algorithm) != null) ? SignatureAlgorithm.from(algorithm)
							: MacAlgorithm.from(algorithm));
		}
		return settings.build();
	}

	private static TokenSettings tokenSettings(OAuth2AuthorizationServerProperties.Token token) {
		TokenSettings.Builder settings = TokenSettings.builder()
			// Refresh tokens rotate on every use: a stolen one is good for one exchange at most.
			.reuseRefreshTokens(false)
			.authorizationCodeTimeToLive(token.getAuthorizationCodeTimeToLive())
			.accessTokenTimeToLive(token.getAccessTokenTimeToLive())
			.refreshTokenTimeToLive(token.getRefreshTokenTimeToLive())
			.deviceCodeTimeToLive(token.getDeviceCodeTimeToLive())
			.accessTokenFormat(new OAuth2TokenFormat(token.getAccessTokenFormat()));
		if (StringUtils.hasText(token.getIdTokenSignatureAlgorithm())) {
			settings.idTokenSignatureAlgorithm(SignatureAlgorithm.from(token.getIdTokenSignatureAlgorithm()));
		}
		return settings.build();
	}

}
