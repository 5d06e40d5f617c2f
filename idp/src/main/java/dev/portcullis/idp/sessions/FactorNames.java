package dev.portcullis.idp.sessions;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/** How the current sign-in was made, in words for the account page ("password", "passkey"), in the order given. */
final class FactorNames {

	private FactorNames() {
	}

	static List<String> of(Authentication person) {
		return person.getAuthorities()
			.stream()
			.filter(FactorGrantedAuthority.class::isInstance)
			.map(FactorGrantedAuthority.class::cast)
			.sorted((a, b) -> a.getIssuedAt().compareTo(b.getIssuedAt()))
			.map(GrantedAuthority::getAuthority)
			.map(FactorNames::inWords)
			.toList();
	}

	private static String inWords(String factor) {
		return switch (factor) {
			case FactorGrantedAuthority.PASSWORD_AUTHORITY -> "password";
			case FactorGrantedAuthority.WEBAUTHN_AUTHORITY -> "passkey";
			case FactorGrantedAuthority.OTT_AUTHORITY -> "one-time token";
			default -> factor.startsWith("FACTOR_") ? factor.substring(7).toLowerCase(java.util.Locale.ROOT) : factor;
		};
	}

}
