package dev.portcullis.idp.passkeys;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import javax.sql.DataSource;

import dev.portcullis.idp.support.OnBothDatabases;
import dev.portcullis.idp.support.TestDatabase;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The V11 schema under Spring's JDBC passkey repositories, on H2 and PostgreSQL: what is written reads back. */
class PasskeyStorageTest {

	@OnBothDatabases
	void whenAPasskeyIsStoredUsedAndRemovedThenEveryFieldSurvivesTheRoundTrip(TestDatabase database) throws Exception {
		DataSource dataSource = database.get();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		JdbcPublicKeyCredentialUserEntityRepository entities = new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
		JdbcUserCredentialRepository credentials = new JdbcUserCredentialRepository(jdbc);
		Passkeys passkeys = new Passkeys(entities, credentials);
		PublicKeyCredentialUserEntity entity = ImmutablePublicKeyCredentialUserEntity.builder()
			.id(Bytes.random())
			.name("account-1")
			.displayName("Ann")
			.build();
		entities.save(entity);
		Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
		byte[] publicKey = new byte[77];
		publicKey[0] = (byte) 0xA5;
		CredentialRecord record = ImmutableCredentialRecord.builder()
			.credentialId(Bytes.random())
			.userEntityUserId(entity.getId())
			.publicKey(new ImmutablePublicKeyCose(publicKey))
			.signatureCount(1)
			.uvInitialized(true)
			.backupEligible(true)
			.backupState(false)
			.transports(Set.of(AuthenticatorTransport.INTERNAL, AuthenticatorTransport.HYBRID))
			.credentialType(PublicKeyCredentialType.PUBLIC_KEY)
			.attestationObject(new Bytes(new byte[] { 1, 2, 3 }))
			.created(created)
			.lastUsed(created)
			.label("Ann's phone")
			.build();
		credentials.save(record);

		CredentialRecord read = credentials.findByCredentialId(record.getCredentialId());
		assertThat(read.getPublicKey().getBytes()).isEqualTo(publicKey);
		assertThat(read.getAttestationObject().getBytes()).containsExactly(1, 2, 3);
		assertThat(read.getTransports()).containsExactlyInAnyOrder(AuthenticatorTransport.INTERNAL,
				AuthenticatorTransport.HYBRID);
		assertThat(read.getCreated()).isEqualTo(created);
		assertThat(entities.findByUsername("account-1").getId()).isEqualTo(entity.getId());

		// A sign-in updates the counter and the last use in place.
		Instant used = created.plusSeconds(30);
		credentials.save(ImmutableCredentialRecord.fromCredentialRecord(read).signatureCount(7).lastUsed(used).build());
		assertThat(credentials.findByUserId(entity.getId())).singleElement().satisfies((updated) -> {
			assertThat(updated.getSignatureCount()).isEqualTo(7);
			assertThat(updated.getLastUsed()).isEqualTo(used);
		});
		assertThat(passkeys.listFor("account-1")).singleElement()
			.isEqualTo(new Passkey(record.getCredentialId().toBase64UrlString(), "Ann's phone", created, used));

		// One WebAuthn user handle per account.
		assertThatThrownBy(() -> entities.save(ImmutablePublicKeyCredentialUserEntity.builder()
			.id(Bytes.random())
			.name("account-1")
			.displayName("Ann again")
			.build())).isInstanceOf(DuplicateKeyException.class);

		assertThat(passkeys.delete("account-2", record.getCredentialId().toBase64UrlString())).isNull();
		assertThat(passkeys.delete("account-1", record.getCredentialId().toBase64UrlString())).isEqualTo("Ann's phone");
		assertThat(passkeys.listFor("account-1")).isEmpty();
		assertThat(passkeys.hasPasskey("account-1")).isFalse();
	}

}
