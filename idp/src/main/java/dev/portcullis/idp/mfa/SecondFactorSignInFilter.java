package dev.portcullis.idp.mfa;

import dev.portcullis.idp.sessions.SamePersonKeepsSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The second sign-in step: {@code POST /login/second-factor} with {@code code}, by someone the first step (the
 * password) signed in. Spring Security's multi-factor merge ({@code setMfaEnabled}) adds the new factor's authority
 * to the password's authentication of the same person, so the session then holds both; the session id stays (it is
 * the same person, and a new id would be a new {@code sid}).
 */
final class SecondFactorSignInFilter extends AbstractAuthenticationProcessingFilter {

	static final String PATH = "/login/second-factor";

	SecondFactorSignInFilter(AuthenticationManager authenticationManager, AuthenticationSuccessHandler success,
			AuthenticationFailureHandler failure) {
		super(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, PATH), authenticationManager);
		setMfaEnabled(true);
		setAuthenticationSuccessHandler(success);
		setAuthenticationFailureHandler(failure);
		setSecurityContextRepository(new DelegatingSecurityContextRepository(
				new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository()));
		setSessionAuthenticationStrategy(new SamePersonKeepsSession(new ChangeSessionIdAuthenticationStrategy()));
	}

	@Override
	public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response) {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		if (current == null || !current.isAuthenticated() || current instanceof AnonymousAuthenticationToken) {
			throw new InsufficientAuthenticationException("Sign in with your password first");
		}
		return getAuthenticationManager()
			.authenticate(new SecondFactorCode(current.getPrincipal(), current.getName(), request.getParameter("code")));
	}

}
