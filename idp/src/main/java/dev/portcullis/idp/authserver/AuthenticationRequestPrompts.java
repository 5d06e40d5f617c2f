package dev.portcullis.idp.authserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import dev.portcullis.idp.mfa.SecondFactorPolicy;
import dev.portcullis.idp.mfa.SignInFactors;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * What an OpenID Connect authentication request asks of the sign-in itself (Core 1.0, section 3.1.2.1):
 * {@code prompt=none} (answer {@code login_required} instead of showing a page), {@code prompt=login} and
 * {@code select_account} (sign in again), {@code max_age} (sign in again when the last sign-in is older) and
 * {@code id_token_hint} (the person the app expects). Spring's authorization endpoint runs after the filter that
 * sends anonymous visitors to the sign-in page, so it never sees an anonymous {@code prompt=none} request; this
 * filter runs before that one, on requests whose client and redirect URI Spring has already validated.
 * <p>
 * "Sign in again" shows the sign-in page and remembers when it was asked; the replayed request goes through once
 * a sign-in newer than that has happened, which is also what the ID token's {@code auth_time} then says.
 */
final class AuthenticationRequestPrompts extends OncePerRequestFilter {

	private static final String SIGN_IN_ASKED_AT = AuthenticationRequestPrompts.class.getName() + ".signInAskedAt";

	private static final String VALIDATED_REQUEST = OAuth2AuthorizationCodeRequestAuthenticationToken.class.getName();

	private final JwtDecoder idTokens;

	private final RegisteredClientRepository clients;

	private final SecondFactorPolicy secondFactors;

	private final Clock clock;

	private final RequestCache requestCache = new HttpSessionRequestCache();

	/** @param idTokens verifies the signature against our keys and nothing else: a hint may have expired. */
	AuthenticationRequestPrompts(JwtDecoder idTokens, RegisteredClientRepository clients,
			SecondFactorPolicy secondFactors, Clock clock) {
		this.idTokens = idTokens;
		this.clients = clients;
		this.secondFactors = secondFactors;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!(request.getAttribute(VALIDATED_REQUEST) instanceof OAuth2AuthorizationCodeRequestAuthenticationToken
				authorization) || !authorization.getScopes().contains(OidcScopes.OPENID)) {
			chain.doFilter(request, response);
			return;
		}
		Map<String, Object> parameters = authorization.getAdditionalParameters();
		Set<String> prompts = prompts(parameters);
		boolean silent = prompts.contains("none");
		Authentication person = signedIn();
		String hintedSubject;
		Long maxAge;
		try {
			hintedSubject = hintedSubject(parameters, authorization.getClientId());
			maxAge = maxAge(parameters);
		}
		catch (IllegalArgumentException ex) {
			sendError(response, authorization, "invalid_request", ex.getMessage());
			return;
		}
		if (person == null) {
			if (silent) {
				sendError(response, authorization, "login_required", "Nobody is signed in");
				return;
			}
			// On to the sign-in page; the sign-in about to happen is fresh enough for prompt=login and max_age.
			request.getSession().setAttribute(SIGN_IN_ASKED_AT, this.clock.instant());
			chain.doFilter(request, response);
			return;
		}
		boolean signedInWhenAsked = signedInSinceAsked(request, person); // consumed by the first request after it
		boolean signInNeeded = prompts.contains("login") || prompts.contains("select_account")
				|| (hintedSubject != null && !hintedSubject.equals(person.getName()))
				|| (maxAge != null && !authenticatedAt(person).plusSeconds(maxAge).isAfter(this.clock.instant()));
		if (signInNeeded && !signedInWhenAsked) {
			if (silent) {
				sendError(response, authorization, "login_required", "The person must sign in again");
				return;
			}
			askToSignIn(request, response);
			return;
		}
		if (silent && this.secondFactors.stepUpNeeded(person, authorization)) {
			// The second factor is a page too (Core 1.0, section 3.1.2.6: interaction_required).
			sendError(response, authorization, "interaction_required", "The person must use a second factor");
			return;
		}
		// A second factor still needed (step-up) is asked by the authorization filter after this one.
		chain.doFilter(request, response);
	}

	/**
	 * When this person signed in (Spring Security 7's factor authorities): the password's time, which a second
	 * factor added later does not move. Unknown is the epoch: any max_age asks again.
	 */
	static Instant authenticatedAt(Authentication person) {
		return SignInFactors.signedInAt(person);
	}

	private static Authentication signedIn() {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		return (current != null && current.isAuthenticated() && !(current instanceof AnonymousAuthenticationToken))
				? current : null;
	}

	private static Set<String> prompts(Map<String, Object> parameters) {
		return (parameters.get("prompt") instanceof String prompt)
				? Arrays.stream(prompt.split(" ")).filter(StringUtils::hasText).collect(Collectors.toSet()) : Set.of();
	}

	private static Long maxAge(Map<String, Object> parameters) {
		if (!(parameters.get("max_age") instanceof String value)) {
			return null;
		}
		try {
			long seconds = Long.parseLong(value);
			if (seconds >= 0) {
				return seconds;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw new IllegalArgumentException("max_age must be a number of seconds");
	}

	/** The subject of an ID token this IdP issued to this client, expired or not; anything else is refused. */
	private String hintedSubject(Map<String, Object> parameters, String clientId) {
		if (!(parameters.get("id_token_hint") instanceof String hint) || hint.isEmpty()) {
			return null;
		}
		Jwt idToken;
		try {
			idToken = this.idTokens.decode(hint);
		}
		catch (JwtException ex) {
			throw new IllegalArgumentException("The id_token_hint is not an ID token issued by this provider");
		}
		String issuer = AuthorizationServerContextHolder.getContext().getIssuer();
		if (!issuer.equals(idToken.getClaimAsString("iss")) || idToken.getAudience() == null
				|| !idToken.getAudience().contains(clientId) || idToken.hasClaim(OAuth2ParameterNames.SCOPE)
				|| idToken.getSubject() == null) {
			throw new IllegalArgumentException("The id_token_hint is not an ID token issued to this client");
		}
		return idToken.getSubject();
	}

	private boolean signedInSinceAsked(HttpServletRequest request, Authentication person) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(SIGN_IN_ASKED_AT) instanceof Instant askedAt)
				|| authenticatedAt(person).isBefore(askedAt)) {
			return false;
		}
		session.removeAttribute(SIGN_IN_ASKED_AT);
		return true;
	}

	private void askToSignIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.requestCache.saveRequest(request, response);
		request.getSession().setAttribute(SIGN_IN_ASKED_AT, this.clock.instant());
		response.sendRedirect(request.getContextPath() + "/login?again");
	}

	/** The error goes to the app, at the redirect URI Spring validated (section 3.1.2.6), with the app's state. */
	private void sendError(HttpServletResponse response, OAuth2AuthorizationCodeRequestAuthenticationToken authorization,
			String error, String description) throws IOException {
		String redirectUri = authorization.getRedirectUri();
		if (!StringUtils.hasText(redirectUri)) {
			// Omitted: allowed when the client registered exactly one, which Spring has checked.
			RegisteredClient client = this.clients.findByClientId(authorization.getClientId());
			redirectUri = client.getRedirectUris().iterator().next();
		}
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(redirectUri)
			.queryParam(OAuth2ParameterNames.ERROR, error)
			.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION, UriUtils.encode(description, StandardCharsets.UTF_8));
		if (StringUtils.hasText(authorization.getState())) {
			uri.queryParam(OAuth2ParameterNames.STATE, UriUtils.encode(authorization.getState(), StandardCharsets.UTF_8));
		}
		response.sendRedirect(uri.build(true).toUriString());
	}

}
