package dev.portcullis.idp.mfa;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import dev.portcullis.idp.clients.PortcullisClientSettings;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.FactorAuthorizationDecision;
import org.springframework.security.authorization.RequiredFactor;
import org.springframework.security.authorization.RequiredFactorError;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

/**
 * Who needs a second factor, and where. A sign-in that has one (see {@link SignInFactors#multiFactor}) passes
 * everything here; one with a password only must add the second step when:
 * <ul>
 * <li>the person has a second factor (everywhere: the account page, the console, every app);</li>
 * <li>the app requires one ({@link PortcullisClientSettings#SECOND_FACTOR_REQUIRED});</li>
 * <li>the app asks for {@link SignInFactors#ACR_MFA} in {@code acr_values} (step-up);</li>
 * <li>the person is an admin reaching the console ({@link MfaProperties#adminsRequireSecondFactor}).</li>
 * </ul>
 * A refusal is Spring Security 7's {@link FactorAuthorizationDecision} naming {@code FACTOR_TOTP} as missing; the
 * filter chains send that to the second-factor page, which offers what the person has (or sends them to add one
 * first) and then continues the saved request. {@code AuthorizationManagerFactories.multiFactor()} is not used
 * because it requires all of its factors, where here any one second factor will do, and only for some people.
 */
@Component
public class SecondFactorPolicy {

	/** The request attribute where Spring's authorization endpoint leaves the request it validated. */
	private static final String VALIDATED_REQUEST = OAuth2AuthorizationCodeRequestAuthenticationToken.class.getName();

	private static final FactorAuthorizationDecision SECOND_FACTOR_MISSING = new FactorAuthorizationDecision(
			List.of(RequiredFactorError.createMissing(RequiredFactor.withAuthority(SignInFactors.TOTP).build())));

	private final SecondFactors factors;

	private final RegisteredClientRepository clients;

	private final MfaProperties properties;

	private final Clock clock;

	/** {@code clock}: the system's unless a test supplies one, to age a sign-in without waiting. */
	SecondFactorPolicy(SecondFactors factors, RegisteredClientRepository clients, MfaProperties properties,
			ObjectProvider<Clock> clock) {
		this.factors = factors;
		this.clients = clients;
		this.properties = properties;
		this.clock = clock.getIfUnique(Clock::systemUTC);
	}

	/** The IdP's own pages: a person with a second factor must have used it. */
	public AuthorizationManager<RequestAuthorizationContext> pages() {
		return (authentication, context) -> decide(authentication, false);
	}

	/** The admin console: the pages' rule, and every admin needs a second factor (unless turned off). */
	public AuthorizationManager<RequestAuthorizationContext> adminConsole() {
		return (authentication, context) -> decide(authentication, this.properties.adminsRequireSecondFactor());
	}

	/** The authorization endpoint: the pages' rule, the app's requirement and the request's {@code acr_values}. */
	public AuthorizationManager<RequestAuthorizationContext> authorizationRequests() {
		return (authentication, context) -> decide(authentication, requestedByApp(context.getRequest()));
	}

	/**
	 * Changes to one's factors: the password must have been given in the last
	 * {@link MfaProperties#reauthenticateAfter}; else Spring sends the person to the sign-in page to give it again
	 * ({@code factor.reason=expired}), and the factors they already proved stay (Spring merges them).
	 */
	public AuthorizationManager<RequestAuthorizationContext> recentSignIn() {
		RequiredFactor recentPassword = RequiredFactor.withAuthority(SignInFactors.PASSWORD)
			.validDuration(this.properties.reauthenticateAfter())
			.build();
		return (authentication, context) -> {
			Authentication person = signedIn(authentication.get());
			if (person == null) {
				return new AuthorizationDecision(false);
			}
			Instant since = this.clock.instant().minus(this.properties.reauthenticateAfter());
			for (GrantedAuthority authority : person.getAuthorities()) {
				if (authority instanceof FactorGrantedAuthority factor && factor.getIssuedAt().isAfter(since)
						&& (SignInFactors.PASSWORD.equals(factor.getAuthority())
								|| SignInFactors.WEBAUTHN.equals(factor.getAuthority()))) {
					return new AuthorizationDecision(true);
				}
			}
			return new FactorAuthorizationDecision(List.of(RequiredFactorError.createExpired(recentPassword)));
		};
	}

	/** Must this sign-in add a second factor before this authorization request goes on? */
	public boolean stepUpNeeded(Authentication person, OAuth2AuthorizationCodeRequestAuthenticationToken request) {
		return !SignInFactors.multiFactor(person)
				&& (requestedByApp(request) || this.factors.hasAny(person.getName()));
	}

	/** Is the person required to use a second factor wherever they go (for "you need to add one" messages)? */
	public boolean adminsRequireSecondFactor() {
		return this.properties.adminsRequireSecondFactor();
	}

	private AuthorizationResult decide(Supplier<? extends Authentication> authentication, boolean required) {
		Authentication person = signedIn(authentication.get());
		if (person == null) {
			return new AuthorizationDecision(false); // not signed in: the sign-in page
		}
		if (SignInFactors.multiFactor(person)) {
			return new AuthorizationDecision(true);
		}
		return (required || this.factors.hasAny(person.getName())) ? SECOND_FACTOR_MISSING
				: new AuthorizationDecision(true);
	}

	private boolean requestedByApp(HttpServletRequest request) {
		return request.getAttribute(VALIDATED_REQUEST) instanceof OAuth2AuthorizationCodeRequestAuthenticationToken
				validated && requestedByApp(validated);
	}

	private boolean requestedByApp(OAuth2AuthorizationCodeRequestAuthenticationToken request) {
		if (request.getAdditionalParameters().get("acr_values") instanceof String acrValues
				&& Arrays.asList(acrValues.split(" ")).contains(SignInFactors.ACR_MFA)) {
			return true;
		}
		RegisteredClient client = this.clients.findByClientId(request.getClientId());
		return client != null && PortcullisClientSettings.secondFactorRequired(client);
	}

	private static Authentication signedIn(Authentication current) {
		return (current != null && current.isAuthenticated() && !(current instanceof AnonymousAuthenticationToken))
				? current : null;
	}

}
