package dev.portcullis.idp.signout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.sessions.SsoLogoutHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * What the end-session endpoint (OpenID Connect RP-Initiated Logout 1.0) answers. A person who asked to sign out is
 * signed out, whatever else is wrong with the app's request:
 * <ul>
 * <li>a valid {@code id_token_hint} of this session: the session ends at once; the browser goes back to the
 * {@code post_logout_redirect_uri} when the app registered it, else to the IdP's "You are signed out" page (an
 * unregistered address is never followed, and is recorded);</li>
 * <li>no hint, or one that does not tie the request to this session (expired, another session's, another
 * person's, not ours): a one-click confirmation page (section 2: the OP should ask; it also keeps a third-party page
 * from signing people out);</li>
 * <li>nobody signed in: the "You are signed out" page.</li>
 * </ul>
 * Every outcome is in the audit log with the app's client id.
 */
@Component
public class EndSessionResponses {

	private final SsoLogoutHandler ssoLogoutHandler;

	private final RegisteredClientRepository clients;

	private final AuditLog auditLog;

	private final SecurityContextLogoutHandler securityContextLogout = new SecurityContextLogoutHandler();

	EndSessionResponses(SsoLogoutHandler ssoLogoutHandler, RegisteredClientRepository clients, AuditLog auditLog) {
		this.ssoLogoutHandler = ssoLogoutHandler;
		this.clients = clients;
		this.auditLog = auditLog;
	}

	/** Spring has checked the hint: ours, for this app, and (when someone is signed in) of this session. */
	public AuthenticationSuccessHandler signedOut() {
		return (request, response, authentication) -> {
			OidcLogoutAuthenticationToken logout = (OidcLogoutAuthenticationToken) authentication;
			List<String> audience = logout.getIdToken().getAudience();
			RegisteredClient client = (audience != null && !audience.isEmpty())
					? this.clients.findByClientId(audience.get(0)) : null;
			String clientId = (client != null) ? client.getClientId() : "unknown app";
			String actor = "anonymous";
			if (logout.isPrincipalAuthenticated()) {
				Authentication person = (Authentication) logout.getPrincipal();
				actor = person.getName();
				this.ssoLogoutHandler.logout(request, response, person);
				this.securityContextLogout.logout(request, response, person);
			}
			String back = logout.getPostLogoutRedirectUri();
			if (StringUtils.hasText(back) && client != null && client.getPostLogoutRedirectUris().contains(back)) {
				this.auditLog.success(actor, "signout.ended", clientId, "back to the app's registered address");
				UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(back);
				if (StringUtils.hasText(logout.getState())) {
					uri.queryParam(OAuth2ParameterNames.STATE,
							UriUtils.encode(logout.getState(), StandardCharsets.UTF_8));
				}
				response.sendRedirect(uri.build(true).toUriString());
				return;
			}
			if (StringUtils.hasText(back)) {
				this.auditLog.failure(actor, "signout.redirect-refused", clientId,
						"post_logout_redirect_uri is not registered for the app: " + shorten(back));
			}
			this.auditLog.success(actor, "signout.ended", clientId, "shown the IdP's signed-out page");
			sendToSignedOutPage(request, response, client);
		};
	}

	/** Spring refused the request (no hint, or not one of this session): ask, or say it is already done. */
	public AuthenticationFailureHandler refused() {
		return (request, response, exception) -> {
			RegisteredClient client = namedClient(request);
			String clientId = (client != null) ? client.getClientId() : "unknown app";
			Authentication person = SecurityContextHolder.getContext().getAuthentication();
			if (person == null || !person.isAuthenticated() || person instanceof AnonymousAuthenticationToken) {
				this.auditLog.success("anonymous", "signout.ended", clientId, "nobody was signed in");
				sendToSignedOutPage(request, response, client);
				return;
			}
			this.auditLog.success(person.getName(), "signout.confirmation-shown", clientId, reason(exception));
			response.sendRedirect(withClient(request.getContextPath() + SignOutPages.CONFIRM, client));
		};
	}

	private RegisteredClient namedClient(HttpServletRequest request) {
		String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
		return (clientId != null && clientId.length() <= 100) ? this.clients.findByClientId(clientId) : null;
	}

	private static void sendToSignedOutPage(HttpServletRequest request, HttpServletResponse response,
			RegisteredClient client) throws IOException {
		response.sendRedirect(withClient(request.getContextPath() + SignOutPages.SIGNED_OUT, client));
	}

	static String withClient(String path, RegisteredClient client) {
		return (client != null) ? UriComponentsBuilder.fromPath(path)
			.queryParam(OAuth2ParameterNames.CLIENT_ID, client.getClientId())
			.encode()
			.build()
			.toUriString() : path;
	}

	private static String reason(AuthenticationException exception) {
		if (exception instanceof OAuth2AuthenticationException oauth
				&& oauth.getError().getDescription() != null
				&& oauth.getError().getDescription().contains("id_token_hint")) {
			return "no valid id_token_hint";
		}
		return "the id_token_hint does not name this session";
	}

	private static String shorten(String value) {
		return (value.length() <= 200) ? value : value.substring(0, 200) + "…";
	}

}
