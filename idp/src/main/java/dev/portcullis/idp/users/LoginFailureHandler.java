package dev.portcullis.idp.users;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.stereotype.Component;

/**
 * After a failed sign-in, show the form again with the same generic message whatever went wrong (unknown user,
 * wrong password, disabled account), and keep what the person typed as username.
 */
@Component
public class LoginFailureHandler extends SimpleUrlAuthenticationFailureHandler {

	static final String LAST_USERNAME = LoginFailureHandler.class.getName() + ".username";

	LoginFailureHandler() {
		super("/login?error");
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, jakarta.servlet.ServletException {
		String username = request.getParameter("username");
		if (username != null) {
			// Bounded, so a huge username cannot bloat the session.
			request.getSession().setAttribute(LAST_USERNAME,
					username.substring(0, Math.min(username.length(), UserAccountRepository.MAX_USERNAME_LENGTH)));
		}
		super.onAuthenticationFailure(request, response, exception);
	}

}
