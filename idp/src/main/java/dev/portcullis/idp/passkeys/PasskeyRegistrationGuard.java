package dev.portcullis.idp.passkeys;

import java.io.IOException;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.portcullis.idp.users.RecentSignIn;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in front of Spring's passkey registration endpoints ({@code POST /webauthn/register/options},
 * {@code POST /webauthn/register}) with our rules:
 * <ul>
 * <li>Adding a passkey needs a recent sign-in ({@link RecentSignIn}): 403 otherwise.</li>
 * <li>A registration Spring or webauthn4j refuses (bad attestation, wrong origin, replayed challenge, a bad name)
 * is a 400 with a sentence, never a 500.</li>
 * <li>A passkey just added counts as used in this sign-in ({@code FACTOR_WEBAUTHN}).</li>
 * <li>Spring's own removal endpoint ({@code DELETE /webauthn/register/{id}}) is closed (404): passkeys are removed
 * from the account page or by an admin, where removal is checked, confirmed and audited.</li>
 * </ul>
 */
class PasskeyRegistrationGuard extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(PasskeyRegistrationGuard.class);

	private static final RequestMatcher OPTIONS = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, "/webauthn/register/options");

	private static final RequestMatcher REGISTER = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, "/webauthn/register");

	private static final RequestMatcher SPRING_REMOVE = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.DELETE, "/webauthn/register/**");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RecentSignIn recentSignIn;

	private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	PasskeyRegistrationGuard(RecentSignIn recentSignIn) {
		this.recentSignIn = recentSignIn;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !(OPTIONS.matches(request) || REGISTER.matches(request) || SPRING_REMOVE.matches(request));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (SPRING_REMOVE.matches(request)) {
			error(response, HttpServletResponse.SC_NOT_FOUND, "Remove passkeys from your account page.");
			return;
		}
		Authentication person = SecurityContextHolder.getContext().getAuthentication();
		if (!this.trust.isAuthenticated(person)) {
			chain.doFilter(request, response); // Spring's endpoints refuse anyone not signed in
			return;
		}
		if (!this.recentSignIn.isRecent(person, request.getSession(false))) {
			error(response, HttpServletResponse.SC_FORBIDDEN,
					"Enter your password again before adding a passkey (reload the page).");
			return;
		}
		try {
			chain.doFilter(request, response);
			if (REGISTER.matches(request) && response.getStatus() == HttpServletResponse.SC_OK) {
				provedWithThePasskey(person, request, response);
			}
		}
		catch (PasskeyOperations.InvalidPasskeyName ex) {
			error(response, HttpServletResponse.SC_BAD_REQUEST, ex.getMessage());
		}
		catch (RuntimeException ex) {
			if (response.isCommitted()) {
				throw ex;
			}
			// What webauthn4j found wrong is for the log; the person gets a sentence.
			logger.debug("Passkey registration refused", ex);
			error(response, HttpServletResponse.SC_BAD_REQUEST,
					"This passkey could not be added. Please try again.");
		}
	}

	/**
	 * The passkey just created was made with the device's user verification: this sign-in now holds
	 * {@code FACTOR_WEBAUTHN} too, as adding an authenticator app adds its factor, so the pages that ask a person
	 * with a second factor to have used it do not ask again at once.
	 */
	private void provedWithThePasskey(Authentication person, HttpServletRequest request, HttpServletResponse response) {
		Authentication more = person.toBuilder()
			.authorities((authorities) -> authorities
				.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.WEBAUTHN_AUTHORITY)))
			.build();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(more);
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
	}

	private static void error(HttpServletResponse response, int status, String message) throws IOException {
		response.resetBuffer();
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(JSON.writeValueAsString(Map.of("error", message)));
	}

}
