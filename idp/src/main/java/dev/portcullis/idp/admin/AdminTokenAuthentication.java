package dev.portcullis.idp.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import java.security.Principal;

import dev.portcullis.idp.clients.PortcullisClientSettings;
import dev.portcullis.idp.mfa.SecondFactorPolicy;
import dev.portcullis.idp.mfa.SignInFactors;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who a bearer token at the admin API acts for. Beyond the signature and expiry checked by the decoder: the token
 * must have been issued by this IdP (issuer), still be on record and not revoked (RFC 7009), and belong to an app
 * that still exists and is enabled; otherwise 401. Its scopes become {@code SCOPE_} authorities, except that a
 * token acting for a person carries {@code portcullis.admin} only while that person is an enabled admin (otherwise
 * 403), and, for an admin who must use a second factor, only when the sign-in the token was granted in used one.
 * The principal's name, used as the actor in the audit log, is the app's client id for client credentials,
 * else the person's account id.
 */
final class AdminTokenAuthentication implements Converter<Jwt, AbstractAuthenticationToken> {

	private final String issuer;

	private final OAuth2AuthorizationService authorizations;

	private final RegisteredClientRepository clients;

	private final AdminAccess adminAccess;

	private final SecondFactorPolicy secondFactors;

	AdminTokenAuthentication(String issuer, OAuth2AuthorizationService authorizations,
			RegisteredClientRepository clients, AdminAccess adminAccess, SecondFactorPolicy secondFactors) {
		this.issuer = issuer;
		this.authorizations = authorizations;
		this.clients = clients;
		this.adminAccess = adminAccess;
		this.secondFactors = secondFactors;
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		if (jwt.getIssuer() == null || !this.issuer.equals(jwt.getIssuer().toString())) {
			throw new InvalidBearerTokenException("The token was not issued by this identity provider");
		}
		OAuth2Authorization authorization = this.authorizations.findByToken(jwt.getTokenValue(),
				OAuth2TokenType.ACCESS_TOKEN);
		if (authorization == null || authorization.getAccessToken() == null
				|| !authorization.getAccessToken().isActive()) {
			throw new InvalidBearerTokenException("The token was revoked or is not an access token of this IdP");
		}
		RegisteredClient client = this.clients.findById(authorization.getRegisteredClientId());
		if (client == null || !PortcullisClientSettings.isEnabled(client)) {
			throw new InvalidBearerTokenException("The app this token was issued to is disabled or deleted");
		}
		boolean forItself = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType());
		String actor = forItself ? client.getClientId() : jwt.getSubject();
		boolean admin = forItself || (this.adminAccess.isActiveAdmin(actor) && secondFactorUsed(authorization));
		return new JwtAuthenticationToken(jwt, authorities(jwt, admin), actor);
	}

	/** The sign-in the grant was made in, as stored with it: did it use a second factor (when admins need one)? */
	private boolean secondFactorUsed(OAuth2Authorization authorization) {
		if (!this.secondFactors.adminsRequireSecondFactor()) {
			return true;
		}
		return authorization.getAttribute(Principal.class.getName()) instanceof
				Authentication signIn && SignInFactors.multiFactor(signIn);
	}

	private static Collection<GrantedAuthority> authorities(Jwt jwt, boolean admin) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		List<String> scopes = jwt.getClaimAsStringList("scope");
		if (scopes != null) {
			for (String scope : scopes) {
				if (admin || !AdminApi.SCOPE.equals(scope)) {
					authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope));
				}
			}
		}
		return authorities;
	}

}
