package dev.portcullis.dashboard.api;

import java.util.List;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells the caller who its access token speaks for: the smallest useful protected resource. The starter has
 * checked the token (IdP signature, issuer, expiry, scope dashboard.api) before this runs.
 */
@RestController
class MeController {

	@GetMapping("/api/me")
	Me me(JwtAuthenticationToken authentication) {
		Jwt token = authentication.getToken();
		// From the authorities rather than the raw claim: Spring already accepts both spellings of granted
		// scopes (a space-separated string or a list, "scope" or "scp").
		List<String> scopes = authentication.getAuthorities().stream().map((authority) -> authority.getAuthority())
			.filter((authority) -> authority.startsWith("SCOPE_")).map((scope) -> scope.substring(6)).sorted().toList();
		String clientId = token.hasClaim("azp") ? token.getClaimAsString("azp") : token.getClaimAsString("client_id");
		return new Me("dashboard", token.getSubject(), token.getClaimAsString("preferred_username"), scopes, clientId);
	}

	record Me(String app, String subject, String username, List<String> scopes, String clientId) {
	}

}
