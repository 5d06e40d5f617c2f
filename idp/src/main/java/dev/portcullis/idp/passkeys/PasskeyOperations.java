package dev.portcullis.idp.passkeys;

import java.util.function.Supplier;

import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.users.UserAccount;
import dev.portcullis.idp.users.UserAccountRepository;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.security.web.webauthn.management.RelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;

/**
 * Spring's relying party operations (webauthn4j does the cryptography and the origin, rp id, challenge and user
 * verification checks), fitted to our accounts:
 * <ul>
 * <li>Spring names a person's WebAuthn user entity by the principal's name, which here is the account id. The
 * browser is shown the username and display name instead, so a passkey picker reads "alice", not a UUID.</li>
 * <li>A passkey's name is required, trimmed, and at most {@value #MAX_NAME_LENGTH} characters.</li>
 * <li>The signature counter must grow ({@link SignCounter}): Spring checks it only against the count at
 * registration.</li>
 * <li>A new passkey is audited ({@code mfa.added}, details as for every factor: {@code Passkey "name" (id)}).</li>
 * </ul>
 */
class PasskeyOperations implements WebAuthnRelyingPartyOperations {

	static final int MAX_NAME_LENGTH = 100;

	private final Supplier<? extends WebAuthnRelyingPartyOperations> spring;

	private final PublicKeyCredentialUserEntityRepository userEntities;

	private final UserCredentialRepository credentials;

	private final UserAccountRepository accounts;

	private final AuditLog auditLog;

	PasskeyOperations(Supplier<? extends WebAuthnRelyingPartyOperations> spring,
			PublicKeyCredentialUserEntityRepository userEntities, UserCredentialRepository credentials,
			UserAccountRepository accounts, AuditLog auditLog) {
		this.spring = spring;
		this.userEntities = userEntities;
		this.credentials = credentials;
		this.accounts = accounts;
		this.auditLog = auditLog;
	}

	@Override
	public PublicKeyCredentialCreationOptions createPublicKeyCredentialCreationOptions(
			PublicKeyCredentialCreationOptionsRequest request) {
		PublicKeyCredentialCreationOptions options = this.spring.get().createPublicKeyCredentialCreationOptions(request);
		UserAccount account = this.accounts.findById(request.getAuthentication().getName())
			.orElseThrow(() -> new IllegalArgumentException("no such account"));
		// Same user handle (id): only the words the browser shows change; what is stored keeps the account id.
		PublicKeyCredentialUserEntity shown = ImmutablePublicKeyCredentialUserEntity.builder()
			.id(options.getUser().getId())
			.name(account.username())
			.displayName(account.displayName())
			.build();
		return PublicKeyCredentialCreationOptions.builder()
			.rp(options.getRp())
			.user(shown)
			.challenge(options.getChallenge())
			.pubKeyCredParams(options.getPubKeyCredParams())
			.timeout(options.getTimeout())
			.excludeCredentials(options.getExcludeCredentials())
			.authenticatorSelection(options.getAuthenticatorSelection())
			.attestation(options.getAttestation())
			.extensions(options.getExtensions())
			.build();
	}

	@Override
	public CredentialRecord registerCredential(RelyingPartyRegistrationRequest request) {
		String name = validName(request.getPublicKey().getLabel());
		RelyingPartyPublicKey named = new RelyingPartyPublicKey(request.getPublicKey().getCredential(), name);
		CredentialRecord record = this.spring.get()
			.registerCredential(new ImmutableRelyingPartyRegistrationRequest(request.getCreationOptions(), named));
		PublicKeyCredentialUserEntity owner = this.userEntities.findById(record.getUserEntityUserId());
		String accountId = (owner != null) ? owner.getName() : "(unknown)";
		this.auditLog.success(accountId, "mfa.added", accountId,
				Passkeys.toPasskey(record).asSecondFactor().auditDetails());
		return record;
	}

	@Override
	public PublicKeyCredentialRequestOptions createCredentialRequestOptions(
			PublicKeyCredentialRequestOptionsRequest request) {
		return this.spring.get().createCredentialRequestOptions(request);
	}

	@Override
	public PublicKeyCredentialUserEntity authenticate(RelyingPartyAuthenticationRequest request) {
		CredentialRecord stored = this.credentials.findByCredentialId(request.getPublicKey().getRawId());
		if (stored != null && !SignCounter.grew(stored.getSignatureCount(),
				request.getPublicKey().getResponse().getAuthenticatorData().getBytes())) {
			throw new BadCredentialsException("The passkey's signature counter did not grow (a cloned authenticator?)");
		}
		return this.spring.get().authenticate(request);
	}

	/** The name a person gave a passkey, or why it cannot be one. */
	static String validName(String name) {
		String trimmed = (name != null) ? name.strip() : "";
		if (trimmed.isEmpty()) {
			throw new InvalidPasskeyName("Give the passkey a name, such as the device it is on.");
		}
		if (trimmed.length() > MAX_NAME_LENGTH) {
			throw new InvalidPasskeyName("A passkey's name can be at most " + MAX_NAME_LENGTH + " characters.");
		}
		return trimmed;
	}

	/** A passkey name that cannot be stored: the person is told why (400). */
	static class InvalidPasskeyName extends IllegalArgumentException {

		InvalidPasskeyName(String message) {
			super(message);
		}

	}

}
