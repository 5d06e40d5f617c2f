package dev.portcullis.idp.authserver;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * A bearer token is a credential only where a bearer token is the protocol: the userinfo endpoint and client
 * registration (initial and registration access tokens). Anywhere else in the protocol chain (the authorization
 * endpoint above all) a token in the {@code Authorization} header is ignored: an ID token an app logged, or any
 * access token, must never sign a browser in. And only access tokens count: an IdP-signed JWT without a
 * {@code scope} (an ID token) or with {@code events} (a logout token) is refused.
 */
final class ProtocolBearerTokens {

	private ProtocolBearerTokens() {
	}

	static BearerTokenResolver onlyAt(Set<String> paths) {
		DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
		return (request) -> paths.contains(path(request)) ? header.resolve(request) : null;
	}

	static JwtDecoder accessTokensOnly(JwtDecoder decoder, String issuer) {
		return (token) -> {
			Jwt jwt = decoder.decode(token);
			if (!jwt.hasClaim("scope") || jwt.hasClaim("events") || jwt.hasClaim("nonce")
					|| !issuer.equals(jwt.getClaimAsString("iss"))) {
				throw new BadJwtException("Not an access token of this issuer");
			}
			return jwt;
		};
	}

	private static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}
