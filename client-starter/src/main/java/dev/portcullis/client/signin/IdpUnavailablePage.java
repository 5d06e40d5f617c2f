package dev.portcullis.client.signin;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Building the authorization request is where the lazily resolved registration first needs the IdP's discovery
 * document; when the IdP is down Spring answers a bare 500 and logs a stack trace. This says 503 instead, so the
 * error page can tell the visitor to try again in a moment.
 */
final class IdpUnavailablePage implements AuthenticationFailureHandler {

	private static final Logger log = LoggerFactory.getLogger(IdpUnavailablePage.class);

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (exception.getCause() instanceof IdpUnavailableException idpDown) {
			log.warn("Cannot start sign-in: {}", idpDown.getMessage());
			response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		}
		else {
			// Such as an unknown registration id in the URL: the visitor's mistake, not ours.
			log.debug("Cannot start sign-in", exception);
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
		}
	}

}
