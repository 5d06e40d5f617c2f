package dev.portcullis.idp.passkeys;

import java.util.ArrayList;
import java.util.List;

import dev.portcullis.idp.audit.AuditEvent.Outcome;
import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.users.UserAccount;
import dev.portcullis.idp.users.UserAccountRepository;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationRequestToken;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Checks a passkey assertion (through {@link PasskeyOperations}) and signs in the account that owns the passkey,
 * if it is enabled. Unlike Spring's own provider, the result is the same kind of sign-in as the password form's:
 * a {@link UsernamePasswordAuthenticationToken} whose principal is a Spring {@link User} named by the account id,
 * with the account's roles and the factor {@code FACTOR_WEBAUTHN}. The authorization server stores the signed-in
 * person in each grant as JSON that accepts only known types, and the token customizer recognises a person by this
 * type; a passkey sign-in then works for apps exactly like a password sign-in. Refusals are audited
 * ({@code mfa.failed}).
 * <p>
 * Not a bean: an {@code AuthenticationProvider} bean would replace the password form's provider in Spring's
 * global authentication manager. {@link PasskeySecurity} gives it to the passkey filter alone.
 */
class PasskeyAuthenticationProvider implements AuthenticationProvider {

	private final WebAuthnRelyingPartyOperations operations;

	private final PublicKeyCredentialUserEntityRepository userEntities;

	private final UserCredentialRepository credentials;

	private final UserAccountRepository accounts;

	private final AuditLog auditLog;

	PasskeyAuthenticationProvider(WebAuthnRelyingPartyOperations operations,
			PublicKeyCredentialUserEntityRepository userEntities, UserCredentialRepository credentials,
			UserAccountRepository accounts, AuditLog auditLog) {
		this.operations = operations;
		this.userEntities = userEntities;
		this.credentials = credentials;
		this.accounts = accounts;
		this.auditLog = auditLog;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		WebAuthnAuthenticationRequestToken request = (WebAuthnAuthenticationRequestToken) authentication;
		Bytes credentialId = request.getWebAuthnRequest().getPublicKey().getRawId();
		PublicKeyCredentialUserEntity owner;
		try {
			owner = this.operations.authenticate(request.getWebAuthnRequest());
		}
		catch (RuntimeException ex) {
			refused(ownerOf(credentialId), "passkey not accepted");
			throw new BadCredentialsException("Passkey not accepted", ex);
		}
		UserAccount account = this.accounts.findById(owner.getName()).orElse(null);
		if (account == null) {
			refused("(unknown account)", "passkey of no account");
			throw new BadCredentialsException("Passkey of no account");
		}
		if (!account.enabled()) {
			refused(account.id(), "account disabled");
			throw new DisabledException("Account disabled");
		}
		List<GrantedAuthority> authorities = new ArrayList<>();
		account.roles().forEach((role) -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
		User person = new User(account.id(), "", authorities);
		person.eraseCredentials();
		authorities.add(FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.WEBAUTHN_AUTHORITY));
		return UsernamePasswordAuthenticationToken.authenticated(person, null, authorities);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return WebAuthnAuthenticationRequestToken.class.isAssignableFrom(authentication);
	}

	/** The account whose passkey was presented, when the credential id names one of ours. */
	private String ownerOf(Bytes credentialId) {
		CredentialRecord record = (credentialId != null) ? this.credentials.findByCredentialId(credentialId) : null;
		PublicKeyCredentialUserEntity entity = (record != null)
				? this.userEntities.findById(record.getUserEntityUserId()) : null;
		return (entity != null) ? entity.getName() : "(unknown passkey)";
	}

	private void refused(String target, String reason) {
		this.auditLog.record("anonymous", "mfa.failed", target, Outcome.FAILURE, "factor=passkey; " + reason,
				remoteAddress());
	}

	private static String remoteAddress() {
		return (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet)
				? servlet.getRequest().getRemoteAddr() : null;
	}

}
