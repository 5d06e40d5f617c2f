package dev.portcullis.idp.passkeys;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Service;

/**
 * A person's passkeys: list, remove, and whether they have one. Removal is always of one account's own passkey:
 * an id that names someone else's is treated as unknown. People and admins reach these only as second factors
 * ({@link PasskeySecondFactors}), so listing, removal and its audit are the same as for every other factor.
 */
@Service("passkeys")
public class Passkeys {

	/** Credential ids are at most 1023 bytes (WebAuthn): 1364 base64url characters. */
	private static final Pattern CREDENTIAL_ID = Pattern.compile("[A-Za-z0-9_-]{1,1400}");

	private final PublicKeyCredentialUserEntityRepository userEntities;

	private final UserCredentialRepository credentials;

	Passkeys(PublicKeyCredentialUserEntityRepository userEntities, UserCredentialRepository credentials) {
		this.userEntities = userEntities;
		this.credentials = credentials;
	}

	/** The account's passkeys, oldest first. */
	public List<Passkey> listFor(String accountId) {
		return owner(accountId).map((entity) -> this.credentials.findByUserId(entity.getId())
			.stream()
			.map(Passkeys::toPasskey)
			.sorted(Comparator.comparing(Passkey::createdAt))
			.toList()).orElse(List.of());
	}

	/** Whether the account can use a passkey (as a second factor, for one). */
	public boolean hasPasskey(String accountId) {
		return owner(accountId).map((entity) -> !this.credentials.findByUserId(entity.getId()).isEmpty())
			.orElse(false);
	}

	/**
	 * Removes the account's passkey {@code passkeyId}, without an audit event ({@code SecondFactors} records it); its
	 * name, or null when the account has no such passkey (unknown, malformed, or another person's) and nothing
	 * changed.
	 */
	String delete(String accountId, String passkeyId) {
		if (passkeyId == null || !CREDENTIAL_ID.matcher(passkeyId).matches()) {
			return null;
		}
		Bytes credentialId;
		try {
			credentialId = Bytes.fromBase64(passkeyId);
		}
		catch (IllegalArgumentException ex) {
			return null; // the right characters, but not base64url (a length no encoding produces)
		}
		Optional<PublicKeyCredentialUserEntity> owner = owner(accountId);
		CredentialRecord record = this.credentials.findByCredentialId(credentialId);
		if (owner.isEmpty() || record == null || !record.getUserEntityUserId().equals(owner.get().getId())) {
			return null;
		}
		this.credentials.delete(record.getCredentialId());
		return record.getLabel();
	}

	private Optional<PublicKeyCredentialUserEntity> owner(String accountId) {
		return (accountId == null || accountId.isBlank()) ? Optional.empty()
				: Optional.ofNullable(this.userEntities.findByUsername(accountId));
	}

	static Passkey toPasskey(CredentialRecord record) {
		return new Passkey(record.getCredentialId().toBase64UrlString(), record.getLabel(), record.getCreated(),
				record.getLastUsed());
	}

}
