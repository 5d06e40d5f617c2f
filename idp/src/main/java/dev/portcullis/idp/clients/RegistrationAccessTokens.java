package dev.portcullis.idp.clients;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;

/**
 * The registration access token of a dynamically registered app (RFC 7592 section 3): a bearer token with the
 * single scope {@code client.read}, stored as a grant of that app, which Spring's client configuration endpoint
 * ({@code GET /connect/register?client_id=...}) checks. It lives 30 days, far longer than an access token, so the
 * app can read its registration later; deleting the app revokes it with its other grants.
 */
@Component
class RegistrationAccessTokens {

	static final String SCOPE = "client.read";

	static final Duration LIFETIME = Duration.ofDays(30);

	private final JwtEncoder jwtEncoder;

	private final OAuth2AuthorizationService authorizations;

	RegistrationAccessTokens(JwtEncoder jwtEncoder, OAuth2AuthorizationService authorizations) {
		this.jwtEncoder = jwtEncoder;
		this.authorizations = authorizations;
	}

	String issue(RegisteredClient client, String issuer) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Set<String> scopes = Collections.unmodifiableSet(new HashSet<>(Set.of(SCOPE)));
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(issuer)
			.subject(client.getClientId())
			.audience(Collections.singletonList(client.getClientId()))
			.id(UUID.randomUUID().toString())
			.issuedAt(now)
			.expiresAt(now.plus(LIFETIME))
			.claim("client_id", client.getClientId())
			.claim("scope", scopes)
			.build();
		Jwt jwt = this.jwtEncoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims));
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, jwt.getTokenValue(),
				jwt.getIssuedAt(), jwt.getExpiresAt(), scopes);
		this.authorizations.save(OAuth2Authorization.withRegisteredClient(client)
			.principalName(client.getClientId())
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.authorizedScopes(scopes)
			.token(accessToken, (metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME,
					jwt.getClaims()))
			.build());
		return jwt.getTokenValue();
	}

}
