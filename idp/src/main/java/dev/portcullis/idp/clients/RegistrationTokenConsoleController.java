package dev.portcullis.idp.clients;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import dev.portcullis.idp.admin.InvalidInputException;

import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The console's initial access tokens for dynamic registration: issue (shown once), list, revoke. */
@Controller
@RequestMapping("/admin/registration-tokens")
class RegistrationTokenConsoleController {

	/** The lifetimes the form offers, by form value. */
	static final Map<String, Duration> LIFETIMES = lifetimes();

	private final InitialAccessTokens tokens;

	private final String registrationEndpoint;

	RegistrationTokenConsoleController(InitialAccessTokens tokens, AuthorizationServerSettings settings) {
		this.tokens = tokens;
		this.registrationEndpoint = settings.getIssuer() + settings.getOidcClientRegistrationEndpoint();
	}

	@GetMapping
	String list(Model model) {
		return page(model, "", "P1D", Map.of());
	}

	@PostMapping
	String issue(@RequestParam(name = "description", defaultValue = "") String description,
			@RequestParam(name = "lifetime", defaultValue = "P1D") String lifetime, Principal principal, Model model,
			HttpServletResponse response) {
		try {
			InitialAccessTokens.Issued issued = this.tokens.issue(description, LIFETIMES.get(lifetime),
					principal.getName());
			model.addAttribute("issued", issued.record());
			model.addAttribute("token", issued.token());
			model.addAttribute("curl", curlExample(this.registrationEndpoint));
			return "admin/registration-token-issued";
		}
		catch (InvalidInputException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return page(model, description, lifetime, ex.errors().asMap());
		}
	}

	@PostMapping("/{id}/revoke")
	String revoke(@PathVariable String id, Principal principal, RedirectAttributes redirect) {
		this.tokens.revoke(id, principal.getName());
		redirect.addFlashAttribute("notice", "Revoked: it can no longer register an app");
		return "redirect:/admin/registration-tokens";
	}

	private String page(Model model, String description, String lifetime, Map<String, String> errors) {
		model.addAttribute("tokens", this.tokens.list());
		model.addAttribute("now", Instant.now());
		model.addAttribute("description", description);
		model.addAttribute("lifetime", lifetime);
		model.addAttribute("lifetimes", LIFETIMES.keySet());
		model.addAttribute("errors", errors);
		model.addAttribute("registrationEndpoint", this.registrationEndpoint);
		return "admin/registration-tokens";
	}

	/** How to use the token, with the token as $TOKEN so the page shows it only once. */
	static String curlExample(String registrationEndpoint) {
		return "curl -X POST " + registrationEndpoint + " \\\n"
				+ "  -H \"Authorization: Bearer $TOKEN\" -H \"Content-Type: application/json\" \\\n"
				+ "  -d '{\"client_name\": \"Reports\", "
				+ "\"redirect_uris\": [\"https://reports.example.com/login/oauth2/code/portcullis\"], "
				+ "\"grant_types\": [\"authorization_code\", \"refresh_token\"], "
				+ "\"scope\": \"openid profile email\"}'";
	}

	private static Map<String, Duration> lifetimes() {
		Map<String, Duration> lifetimes = new LinkedHashMap<>();
		lifetimes.put("PT1H", Duration.ofHours(1));
		lifetimes.put("P1D", Duration.ofDays(1));
		lifetimes.put("P7D", Duration.ofDays(7));
		lifetimes.put("P30D", Duration.ofDays(30));
		return lifetimes;
	}

}
