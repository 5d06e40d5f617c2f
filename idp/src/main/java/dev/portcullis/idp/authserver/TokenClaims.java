package dev.portcullis.idp.authserver;

import java.time.Instant;
import java.util.Date;
import java.util.Set;

import dev.portcullis.idp.mfa.SignInFactors;
import dev.portcullis.idp.sessions.SessionIds;
import dev.portcullis.idp.users.UserAccountRepository;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What a person's tokens say about them (OpenID Connect Core 1.0, section 5.4). The ID token carries the standard
 * claims of the granted scopes ({@code profile}: name and username, {@code email}: email); the userinfo endpoint
 * answers with the same claims. Access tokens add {@code client_id} and, for a person, only {@code preferred_username}, for an API's logs
 * and display.
 * The subject is the account id, which never changes. Every ID token of a person says how they signed in:
 * {@code amr} (RFC 8176) and {@code acr}, both from the sign-in's factors ({@link SignInFactors}).
 */
@Component
class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private static final String PROFILE_THIS_REQUEST = TokenClaims.class.getName() + ".profile";

	private final UserAccountRepository accounts;

	TokenClaims(UserAccountRepository accounts) {
		this.accounts = accounts;
	}

	/** A token response signs two or three tokens for one person: their account is read once. */
	private UserAccountRepository.Profile profileOnceThisRequest(String accountId) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		String key = PROFILE_THIS_REQUEST + "." + accountId;
		if (request != null
				&& request.getAttribute(key, RequestAttributes.SCOPE_REQUEST) instanceof UserAccountRepository.Profile known) {
			return known;
		}
		UserAccountRepository.Profile profile = this.accounts.findProfile(accountId).orElse(null);
		if (request != null && profile != null) {
			request.setAttribute(key, profile, RequestAttributes.SCOPE_REQUEST);
		}
		return profile;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			// RFC 9068 section 2.2: which client the token was issued to, whoever the audience is.
			context.getClaims().claim("client_id", context.getRegisteredClient().getClientId());
		}
		Authentication principal = context.getPrincipal();
		if (!(principal instanceof UsernamePasswordAuthenticationToken)) {
			return; // a client acting for itself (client credentials): no person to describe
		}
		UserAccountRepository.Profile account = profileOnceThisRequest(principal.getName());
		if (account == null || !account.enabled()) {
			// Disabling an account revokes its grants; this also covers a token request already under way.
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT));
		}
		Set<String> scopes = context.getAuthorizedScopes();
		boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
		String sid = (context.getAuthorization() != null)
				? context.getAuthorization().getAttribute(SessionIds.SID_ATTRIBUTE) : null;
		if (idToken && sid != null) {
			// The session the grant was made in. Spring's own guess is the person's most recently used session,
			// which is another browser's when they have two.
			context.getClaims().claim("sid", sid);
		}
		if (idToken && AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())) {
			// Always, not only when the app sent max_age or registered require_auth_time: it is what apps need to
			// judge a sign-in's age. A refreshed ID token keeps the first one's (Spring copies it).
			Instant authenticatedAt = AuthenticationRequestPrompts.authenticatedAt(principal);
			if (authenticatedAt.isAfter(Instant.EPOCH)) {
				context.getClaims().claim(IdTokenClaimNames.AUTH_TIME, Date.from(authenticatedAt));
			}
		}
		if (idToken) {
			// The grant's sign-in, as it was when the app was let in (a refresh says the same as the first token).
			context.getClaims()
				.claim(IdTokenClaimNames.AMR, SignInFactors.amr(principal))
				.claim(IdTokenClaimNames.ACR, SignInFactors.acr(principal));
		}
		boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
		if (idToken && scopes.contains(OidcScopes.PROFILE)) {
			context.getClaims()
				.claim(StandardClaimNames.NAME, account.displayName())
				.claim(StandardClaimNames.PREFERRED_USERNAME, account.username());
			// No updated_at: the grant stores the ID token's claims as JSON, and a plain number other than the
			// registered time claims comes back as a Long, which the stored grant's allow-list refuses.
		}
		if (idToken && scopes.contains(OidcScopes.EMAIL) && account.email() != null) {
			// The IdP does not verify addresses (yet), so it does not claim they are verified.
			context.getClaims()
				.claim(StandardClaimNames.EMAIL, account.email())
				.claim(StandardClaimNames.EMAIL_VERIFIED, false);
		}
		if (accessToken && scopes.contains(OidcScopes.PROFILE)) {
			context.getClaims().claim(StandardClaimNames.PREFERRED_USERNAME, account.username());
		}
	}

}
