package dev.portcullis.client.backchannel;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.portcullis.client.signin.IdpUnavailableException;

/**
 * The back-channel logout endpoint (OpenID Connect Back-Channel Logout 1.0, 2.5 to 2.8):
 * {@code POST /logout/connect/back-channel/{registrationId}} with a {@code logout_token} the IdP signed. A valid
 * token used for the first time is recorded in the {@link LogoutRegistry}, and the sessions it names end at their
 * next request ({@link EndedSessionFilter}); the answer is 200. Anything else is 400 with an OAuth error, never a
 * 500: no token, a token that does not verify ({@link LogoutTokenDecoders}, {@link LogoutTokenValidator}), a token
 * seen before (replay), or one whose claims have the wrong shape. While the IdP's keys cannot be fetched the answer
 * is 503, so the IdP tries again.
 *
 * <p>Spring Security's receiver ends a session by posting back to itself with the session cookie and an internal
 * marker parameter, and honours that marker before any CSRF check; this one reads nothing but {@code logout_token},
 * and never ends the session of whoever sends the request.
 */
public final class BackChannelLogoutReceiver extends OncePerRequestFilter {

	static final String ENDPOINT = "/logout/connect/back-channel/{registrationId}";

	// The decoder allows 60 seconds of clock skew on exp: a token stays usable (and so must stay remembered) that long.
	private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

	private static final Logger log = LoggerFactory.getLogger(BackChannelLogoutReceiver.class);

	private final RequestMatcher endpoint = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, ENDPOINT);

	private final OAuth2ErrorHttpMessageConverter errors = new OAuth2ErrorHttpMessageConverter();

	private final LogoutTokenDecoders decoders = new LogoutTokenDecoders();

	private final ClientRegistrationRepository registrations;

	private final LogoutRegistry registry;

	private final Duration rememberFor;

	private final Clock clock;

	public BackChannelLogoutReceiver(ClientRegistrationRepository registrations, LogoutRegistry registry,
			Duration rememberFor) {
		this(registrations, registry, rememberFor, Clock.systemUTC());
	}

	BackChannelLogoutReceiver(ClientRegistrationRepository registrations, LogoutRegistry registry, Duration rememberFor,
			Clock clock) {
		this.registrations = registrations;
		this.registry = registry;
		this.rememberFor = rememberFor;
		this.clock = clock;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.endpoint.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		String registrationId = this.endpoint.matcher(request).getVariables().get("registrationId");
		String logoutToken;
		try {
			logoutToken = request.getParameter("logout_token");
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			// An unreadable body (bad form encoding, too many parameters): the container refuses to parse it.
			reject(response, HttpServletResponse.SC_BAD_REQUEST, OAuth2ErrorCodes.INVALID_REQUEST, "unreadable body");
			return;
		}
		if (logoutToken == null || logoutToken.isBlank()) {
			reject(response, HttpServletResponse.SC_BAD_REQUEST, OAuth2ErrorCodes.INVALID_REQUEST, "no logout_token");
			return;
		}
		ClientRegistration registration;
		try {
			registration = this.registrations.findByRegistrationId(registrationId);
		}
		catch (IdpUnavailableException ex) {
			log.warn("Cannot check a logout token: {}", ex.getMessage());
			reject(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE,
					"the identity provider cannot be reached");
			return;
		}
		if (registration == null) {
			reject(response, HttpServletResponse.SC_BAD_REQUEST, OAuth2ErrorCodes.INVALID_REQUEST,
					"no such registration");
			return;
		}
		Jwt token;
		try {
			token = this.decoders.decoderFor(registration).decode(logoutToken);
		}
		catch (BadJwtException | IllegalArgumentException ex) {
			log.info("Refused a logout token: {}", ex.getMessage());
			reject(response, HttpServletResponse.SC_BAD_REQUEST, OAuth2ErrorCodes.INVALID_REQUEST, "invalid logout_token");
			return;
		}
		catch (JwtException ex) {
			log.warn("Cannot check a logout token: {}", ex.getMessage());
			reject(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE,
					"the identity provider's keys cannot be fetched");
			return;
		}
		if (!this.registry.firstUse(token.getId(), token.getExpiresAt().plus(CLOCK_SKEW))) {
			log.warn("Refused a logout token used before (jti {}): a replay", token.getId());
			reject(response, HttpServletResponse.SC_BAD_REQUEST, OAuth2ErrorCodes.INVALID_REQUEST,
					"logout_token already used");
			return;
		}
		Instant now = this.clock.instant();
		this.registry.recordLogout(token.getClaimAsString("sid"), token.getSubject(), token.getIssuedAt(),
				now.plus(this.rememberFor));
		log.debug("Back-channel logout of IdP session {}", token.getClaimAsString("sid"));
		response.setStatus(HttpServletResponse.SC_OK);
	}

	private void reject(HttpServletResponse response, int status, String code, String description) throws IOException {
		response.setStatus(status);
		this.errors.write(new OAuth2Error(code, description,
				"https://openid.net/specs/openid-connect-backchannel-1_0.html#Validation"), null,
				new ServletServerHttpResponse(response));
	}

}
