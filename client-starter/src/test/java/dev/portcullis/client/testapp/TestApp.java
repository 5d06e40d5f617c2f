package dev.portcullis.client.testapp;

import jakarta.servlet.http.HttpServletRequest;

import dev.portcullis.client.relay.PortcullisTokenRelay;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The smallest app on the starter: a home page, a public page, an API and a call to another app's API. */
@SpringBootApplication
public class TestApp {

	@RestController
	static class Pages {

		private final PortcullisTokenRelay relay;

		private final String otherAppApi;

		Pages(PortcullisTokenRelay relay, @Value("${test.other-app-api}") String otherAppApi) {
			this.relay = relay;
			this.otherAppApi = otherAppApi;
		}

		@GetMapping(path = "/", produces = "text/html")
		String home(@AuthenticationPrincipal OidcUser user, HttpServletRequest request) {
			CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
			return "<p id=\"user-name\">" + user.getFullName() + "</p><form method=\"post\" action=\"/logout\">"
					+ "<input type=\"hidden\" name=\"_csrf\" value=\"" + csrf.getToken() + "\"></form>";
		}

		@GetMapping(path = "/welcome", produces = "text/html")
		String welcome() {
			return "<p>Welcome</p>";
		}

		@GetMapping("/relay")
		String relay() {
			return this.relay.restClient().get().uri(this.otherAppApi).retrieve().body(String.class);
		}

		@GetMapping("/api/me")
		String me(JwtAuthenticationToken token) {
			return token.getToken().getSubject();
		}

	}

}
