package dev.portcullis.idp.authserver;

import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.http.HttpStatus;

/**
 * The consent page, for clients registered with "consent required". The form posts back to the authorization
 * endpoint, which records the decision and redirects to the app.
 */
@Controller
class ConsentController {

	private static final Map<String, String> DESCRIPTIONS = Map.of(OidcScopes.PROFILE,
			"Your name and username", OidcScopes.EMAIL, "Your email address", OidcScopes.ADDRESS,
			"Your postal address", OidcScopes.PHONE, "Your phone number");

	private final RegisteredClientRepository clients;

	private final OAuth2AuthorizationConsentService consents;

	ConsentController(RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents) {
		this.clients = clients;
		this.consents = consents;
	}

	@GetMapping(AuthorizationServerConfig.CONSENT_PAGE)
	String consent(Principal principal, Model model, @RequestParam(name = "client_id") String clientId,
			@RequestParam(name = "scope", defaultValue = "") String scope,
			@RequestParam(name = "state") String state) {
		RegisteredClient client = this.clients.findByClientId(clientId);
		if (client == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown application");
		}
		OAuth2AuthorizationConsent previous = this.consents.findById(client.getId(), principal.getName());
		Set<String> approved = (previous != null) ? previous.getScopes() : Set.of();
		Set<String> toApprove = new LinkedHashSet<>();
		Set<String> alreadyApproved = new LinkedHashSet<>();
		for (String requested : StringUtils.delimitedListToStringArray(scope, " ")) {
			if (requested.isEmpty() || OidcScopes.OPENID.equals(requested)) {
				continue;
			}
			(approved.contains(requested) ? alreadyApproved : toApprove).add(requested);
		}
		// Allowing with nothing to tick (prompt=consent for "openid" alone) still allows signing in.
		model.addAttribute("openid", StringUtils.commaDelimitedListToSet(scope.replace(' ', ',')).contains(OidcScopes.OPENID));
		model.addAttribute("clientId", clientId);
		model.addAttribute("clientName", client.getClientName());
		model.addAttribute("state", state);
		model.addAttribute("scopes", describe(toApprove));
		model.addAttribute("previouslyApprovedScopes", describe(alreadyApproved));
		return "consent";
	}

	private static List<ScopeView> describe(Set<String> scopes) {
		return scopes.stream()
			.map((scope) -> new ScopeView(scope, DESCRIPTIONS.getOrDefault(scope, "Access to " + scope)))
			.toList();
	}

	record ScopeView(String scope, String description) {
	}

}
