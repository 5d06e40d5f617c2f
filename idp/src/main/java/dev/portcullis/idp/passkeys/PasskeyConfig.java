package dev.portcullis.idp.passkeys;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.users.UserAccountRepository;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.util.StringUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * Spring Security's passkey support (webauthn4j) on our database, with the relying party taken from the issuer.
 * Spring's {@code webAuthn()} configurer picks these beans up (see {@link PasskeySecurity}).
 */
@Configuration(proxyBeanMethods = false)
class PasskeyConfig {

	private static final Log logger = LogFactory.getLog(PasskeyConfig.class);

	@Bean
	JdbcPublicKeyCredentialUserEntityRepository passkeyUserEntities(JdbcOperations jdbc) {
		return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
	}

	@Bean
	JdbcUserCredentialRepository passkeyCredentials(JdbcOperations jdbc) {
		return new JdbcUserCredentialRepository(jdbc);
	}

	@Bean
	RelyingParty passkeyRelyingParty(PasskeyProperties properties,
			@Value("${spring.security.oauth2.authorizationserver.issuer}") String issuer) {
		return RelyingParty.of(properties, issuer);
	}

	/**
	 * Spring's relying party, with two rules of ours: user verification is required, at registration and at every
	 * assertion (a passkey alone signs a person in, so it must be two factors: the device and the PIN or biometric
	 * that unlocks it), and every passkey is discoverable (sign-in without typing a username).
	 * <p>
	 * Made at the first passkey request, not at start-up: webauthn4j and its converters are about 340 classes that
	 * every node would otherwise load and keep in memory whether anyone uses a passkey or not (docs/performance.md).
	 */
	@Bean
	WebAuthnRelyingPartyOperations passkeyOperations(JdbcPublicKeyCredentialUserEntityRepository userEntities,
			JdbcUserCredentialRepository credentials, RelyingParty relyingParty, UserAccountRepository accounts,
			AuditLog auditLog) {
		Supplier<WebAuthnRelyingPartyOperations> spring = SingletonSupplier.of(() -> {
			Webauthn4JRelyingPartyOperations operations = new Webauthn4JRelyingPartyOperations(userEntities,
					credentials, PublicKeyCredentialRpEntity.builder().id(relyingParty.id()).name(relyingParty.name()).build(),
					relyingParty.origins());
			operations.setCustomizeCreationOptions((options) -> options
				.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
					.userVerification(UserVerificationRequirement.REQUIRED)
					.residentKey(ResidentKeyRequirement.REQUIRED)
					.build()));
			operations
				.setCustomizeRequestOptions((options) -> options.userVerification(UserVerificationRequirement.REQUIRED));
			return operations;
		});
		return new PasskeyOperations(spring, userEntities, credentials, accounts, auditLog);
	}

	/** Who the browser is told it is creating a passkey for, and which pages may use one. */
	record RelyingParty(String id, String name, Set<String> origins) {

		static RelyingParty of(PasskeyProperties properties, String issuer) {
			URI issuerUri = URI.create(issuer);
			String id = StringUtils.hasText(properties.rpId()) ? properties.rpId() : issuerUri.getHost();
			if (id.matches("[0-9.]+") || id.contains(":")) {
				logger.warn("Passkeys need a host name, not an IP address: relying party id '" + id
						+ "' will be refused by browsers (set the issuer to a host name, or portcullis.passkeys.rp-id)");
			}
			String name = StringUtils.hasText(properties.rpName()) ? properties.rpName() : "Portcullis";
			List<String> configured = (properties.allowedOrigins() != null) ? properties.allowedOrigins() : List.of();
			Set<String> origins = new LinkedHashSet<>();
			configured.stream().filter(StringUtils::hasText).map(RelyingParty::withoutTrailingSlash).forEach(origins::add);
			if (origins.isEmpty()) {
				origins.add(withoutTrailingSlash(issuerUri.getScheme() + "://" + issuerUri.getRawAuthority()));
			}
			return new RelyingParty(id, name, Set.copyOf(origins));
		}

		private static String withoutTrailingSlash(String origin) {
			return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
		}

	}

}
