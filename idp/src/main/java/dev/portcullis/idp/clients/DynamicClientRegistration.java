package dev.portcullis.idp.clients;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.portcullis.idp.mfa.SignInFactors;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OidcConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.oidc.OidcClientMetadataClaimNames;
import org.springframework.security.oauth2.server.authorization.oidc.OidcClientRegistration;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcClientConfigurationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcClientRegistrationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcClientRegistrationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.oidc.converter.RegisteredClientOidcClientRegistrationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dynamic client registration (OpenID Connect Dynamic Client Registration 1.0, RFC 7591) at
 * {@code POST /connect/register}, and reading a registration back (RFC 7592 section 2.1) at
 * {@code GET /connect/register?client_id=...}, both advertised as {@code registration_endpoint} in discovery. On
 * unless {@code portcullis.clients.registration.enabled=false}.
 * <p>
 * Spring's endpoint parses the request and writes the answer; registration itself is ours, so a dynamically
 * registered app goes through {@link ClientAdmin} like any other: same rules, same secrets (hashed), PKCE required,
 * rotating refresh tokens, an audit event. The request must carry an initial access token issued by an admin
 * ({@link InitialAccessTokens}); it is used up by the registration. The answer carries the client secret (this once)
 * and a registration access token for reading the registration back. Reading never returns the secret's hash.
 */
@Component
public class DynamicClientRegistration {

	private static final Log logger = LogFactory.getLog(DynamicClientRegistration.class);

	private final RegistrationProperties properties;

	private final ClientAdmin clientAdmin;

	private final RegisteredClientRepository clients;

	private final InitialAccessTokens initialAccessTokens;

	private final RegistrationAccessTokens registrationAccessTokens;

	private final TransactionTemplate transaction;

	DynamicClientRegistration(RegistrationProperties properties, ClientAdmin clientAdmin,
			RegisteredClientRepository clients, InitialAccessTokens initialAccessTokens,
			RegistrationAccessTokens registrationAccessTokens, PlatformTransactionManager transactionManager) {
		this.properties = properties;
		this.clientAdmin = clientAdmin;
		this.clients = clients;
		this.initialAccessTokens = initialAccessTokens;
		this.registrationAccessTokens = registrationAccessTokens;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	/** Turns the endpoint on in the authorization server's OIDC configuration (when enabled). */
	public void applyTo(OidcConfigurer oidc) {
		if (!this.properties.enabled()) {
			return;
		}
		oidc.clientRegistrationEndpoint((endpoint) -> endpoint.authenticationProviders((providers) -> {
			providers.replaceAll((provider) -> (provider instanceof OidcClientRegistrationAuthenticationProvider)
					? new Registration(new RegistrationRequestPolicy(this.properties.allowedScopes())) : provider);
			providers.forEach((provider) -> {
				if (provider instanceof OidcClientConfigurationAuthenticationProvider read) {
					read.setClientRegistrationConverter(DynamicClientRegistration::metadata);
				}
			});
		}));
	}

	/** The metadata of a registered app as the endpoint answers it: Spring's conversion, without the secret hash. */
	static OidcClientRegistration metadata(RegisteredClient client) {
		Converter<RegisteredClient, OidcClientRegistration> spring = new RegisteredClientOidcClientRegistrationConverter();
		Map<String, Object> claims = new HashMap<>(spring.convert(client).getClaims());
		claims.remove(OidcClientMetadataClaimNames.CLIENT_SECRET);
		claims.remove(OidcClientMetadataClaimNames.CLIENT_SECRET_EXPIRES_AT);
		String backchannelLogoutUri = PortcullisClientSettings.backchannelLogoutUri(client);
		if (backchannelLogoutUri != null) {
			claims.put("backchannel_logout_uri", backchannelLogoutUri);
		}
		if (PortcullisClientSettings.secondFactorRequired(client)) {
			claims.put(RegistrationRequestPolicy.DEFAULT_ACR_VALUES, List.of(SignInFactors.ACR_MFA));
		}
		return OidcClientRegistration.withClaims(claims).build();
	}

	/** Handles registration requests; reads (RFC 7592) pass on to Spring's provider. */
	private final class Registration implements AuthenticationProvider {

		private final RegistrationRequestPolicy policy;

		Registration(RegistrationRequestPolicy policy) {
			this.policy = policy;
		}

		@Override
		public Authentication authenticate(Authentication authentication) {
			OidcClientRegistrationAuthenticationToken request = (OidcClientRegistrationAuthenticationToken) authentication;
			if (request.getClientRegistration() == null) {
				return null; // a read of an existing registration
			}
			Jwt token = initialAccessToken(request);
			InitialAccessToken record = DynamicClientRegistration.this.initialAccessTokens
				.findActive(token.getTokenValue())
				.orElseThrow(() -> RegistrationRequestPolicy.invalid(OAuth2ErrorCodes.INVALID_TOKEN,
						"The initial access token is unknown, used, expired or revoked"));
			ClientDraft draft = this.policy.toDraft(request.getClientRegistration());
			String issuer = AuthorizationServerContextHolder.getContext().getIssuer();
			OidcClientRegistration answer = DynamicClientRegistration.this.transaction
				.execute((status) -> register(draft, record, issuer));
			logger.info("Registered app '" + answer.getClientId() + "' dynamically with initial access token "
					+ record.id());
			return new OidcClientRegistrationAuthenticationToken((Authentication) request.getPrincipal(), answer);
		}

		private OidcClientRegistration register(ClientDraft draft, InitialAccessToken record, String issuer) {
			IssuedClient issued = DynamicClientRegistration.this.clientAdmin.register(draft,
					"initial-access-token:" + record.id());
			if (!DynamicClientRegistration.this.initialAccessTokens.consume(record.id(), issued.client().clientId())) {
				// Used or revoked by a concurrent request: roll the registration back.
				throw RegistrationRequestPolicy.invalid(OAuth2ErrorCodes.INVALID_TOKEN,
						"The initial access token is unknown, used, expired or revoked");
			}
			RegisteredClient client = DynamicClientRegistration.this.clients.findById(issued.client().id());
			Map<String, Object> claims = new HashMap<>(metadata(client).getClaims());
			if (issued.secret() != null) {
				claims.put(OidcClientMetadataClaimNames.CLIENT_SECRET, issued.secret());
				claims.put(OidcClientMetadataClaimNames.CLIENT_SECRET_EXPIRES_AT, Instant.EPOCH); // never
			}
			claims.put(OidcClientMetadataClaimNames.REGISTRATION_ACCESS_TOKEN,
					DynamicClientRegistration.this.registrationAccessTokens.issue(client, issuer));
			return OidcClientRegistration.withClaims(claims).build();
		}

		private static Jwt initialAccessToken(OidcClientRegistrationAuthenticationToken request) {
			if (!(request.getPrincipal() instanceof JwtAuthenticationToken bearer) || !bearer.isAuthenticated()) {
				throw RegistrationRequestPolicy.invalid(OAuth2ErrorCodes.INVALID_TOKEN,
						"An initial access token is required");
			}
			List<String> scopes = bearer.getToken().getClaimAsStringList("scope");
			if (scopes == null || !Set.copyOf(scopes).equals(Set.of(InitialAccessTokens.SCOPE))) {
				throw RegistrationRequestPolicy.invalid(OAuth2ErrorCodes.INSUFFICIENT_SCOPE,
						"The token is not an initial access token");
			}
			return bearer.getToken();
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return OidcClientRegistrationAuthenticationToken.class.isAssignableFrom(authentication);
		}

	}

	/**
	 * @param enabled whether {@code /connect/register} exists at all
	 * @param allowedScopes the scopes a dynamically registered app may ask for
	 */
	@ConfigurationProperties("portcullis.clients.registration")
	public record RegistrationProperties(@DefaultValue("true") boolean enabled,
			@DefaultValue({ "openid", "profile", "email" }) Set<String> allowedScopes) {
	}

}
