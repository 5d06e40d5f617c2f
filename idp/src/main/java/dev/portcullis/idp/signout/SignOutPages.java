package dev.portcullis.idp.signout;

import dev.portcullis.idp.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages of a sign-out an app asked for: "Sign out of Portcullis?" (one button, a POST with the CSRF token to
 * Spring Security's {@code /logout}, which tells every app), and "You are signed out", with a link back to the app's
 * registered address when it has one.
 */
@Controller
public class SignOutPages {

	static final String CONFIRM = "/signout";

	static final String SIGNED_OUT = "/signed-out";

	private final RegisteredClientRepository clients;

	private final AuditLog auditLog;

	SignOutPages(RegisteredClientRepository clients, AuditLog auditLog) {
		this.clients = clients;
		this.auditLog = auditLog;
	}

	@GetMapping(CONFIRM)
	String confirm(Authentication person, @RequestParam(name = "client_id", required = false) String clientId,
			Model model) {
		if (!signedIn(person)) {
			return "redirect:" + SIGNED_OUT + query(clientId);
		}
		RegisteredClient client = known(clientId);
		model.addAttribute("clientId", (client != null) ? client.getClientId() : null);
		model.addAttribute("clientName", (client != null) ? client.getClientName() : null);
		return "signout";
	}

	@GetMapping(SIGNED_OUT)
	String signedOut(Authentication person, @RequestParam(name = "client_id", required = false) String clientId,
			Model model) {
		if (signedIn(person)) {
			return "redirect:/"; // not signed out: nothing to say here
		}
		RegisteredClient client = known(clientId);
		if (client != null) {
			model.addAttribute("clientName", client.getClientName());
			// a link, never a redirect, and only to an address the app registered
			client.getPostLogoutRedirectUris().stream().findFirst().ifPresent((uri) -> model.addAttribute("back", uri));
		}
		return "signed-out";
	}

	/**
	 * After Spring Security's {@code /logout}: back to "You are signed out" when an app asked (the confirmation
	 * page's form names it), else to the sign-in page as before.
	 */
	public LogoutSuccessHandler afterLogout() {
		return (HttpServletRequest request, HttpServletResponse response, Authentication person) -> {
			RegisteredClient client = known(request.getParameter(OAuth2ParameterNames.CLIENT_ID));
			if (client == null) {
				response.sendRedirect(request.getContextPath() + "/login?logout");
				return;
			}
			this.auditLog.success((person != null) ? person.getName() : "anonymous", "signout.ended",
					client.getClientId(), "confirmed on the IdP's page");
			response.sendRedirect(EndSessionResponses.withClient(request.getContextPath() + SIGNED_OUT, client));
		};
	}

	private RegisteredClient known(String clientId) {
		return (clientId != null && !clientId.isEmpty() && clientId.length() <= 100)
				? this.clients.findByClientId(clientId) : null;
	}

	private String query(String clientId) {
		RegisteredClient client = known(clientId);
		return (client != null) ? EndSessionResponses.withClient("", client) : "";
	}

	private static boolean signedIn(Authentication person) {
		return person != null && person.isAuthenticated() && !(person instanceof AnonymousAuthenticationToken);
	}

}
