package dev.portcullis.idp.authserver;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;

/**
 * Token introspection (RFC 7662, section 2.2 and 4): a client learns about a token only if the token was issued
 * to it or names it as an audience; for any other token the answer is {@code active: false}, exactly as for a
 * token that does not exist, so introspection cannot be used to probe other clients' tokens.
 */
final class IntrospectionPolicy implements AuthenticationProvider {

	private final AuthenticationProvider delegate;

	IntrospectionPolicy(AuthenticationProvider delegate) {
		this.delegate = delegate;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Authentication result = this.delegate.authenticate(authentication);
		if (!(result instanceof OAuth2TokenIntrospectionAuthenticationToken introspection)
				|| !introspection.getTokenClaims().isActive()
				|| !(introspection.getPrincipal() instanceof OAuth2ClientAuthenticationToken client)
				|| client.getRegisteredClient() == null) {
			return result;
		}
		String requester = client.getRegisteredClient().getClientId();
		OAuth2TokenIntrospection claims = introspection.getTokenClaims();
		List<String> audience = claims.getAudience();
		if (requester.equals(claims.getClientId()) || (audience != null && audience.contains(requester))) {
			return result;
		}
		return new OAuth2TokenIntrospectionAuthenticationToken(introspection.getToken(), client,
				OAuth2TokenIntrospection.builder().build());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
