package dev.portcullis.idp.clients;

import dev.portcullis.idp.support.IdpTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Clients declared with Boot's keys are in the database, with their secret hashed, once each. */
@IdpTest
class DeclaredClientsTest {

	@Autowired
	CachingRegisteredClientRepository clients;

	@Autowired
	DeclaredClients declaredClients;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ClientSecretEncoder secretEncoder;

	@Test
	void whenTheIdpStartsThenDeclaredClientsAreStoredWithHashedSecretsAndRequirePkce() {
		RegisteredClient portal = this.clients.findByClientId("portal");

		assertThat(portal).isNotNull();
		assertThat(portal.getRedirectUris()).containsExactly("http://localhost:8081/login/oauth2/code/portcullis");
		assertThat(portal.getPostLogoutRedirectUris()).containsExactly("http://localhost:8081/welcome");
		assertThat(portal.getAuthorizationGrantTypes()).contains(AuthorizationGrantType.AUTHORIZATION_CODE);
		assertThat(portal.getClientSettings().isRequireProofKey()).isTrue();
		assertThat(portal.getTokenSettings().isReuseRefreshTokens()).isFalse();
		String stored = this.jdbc.sql("SELECT client_secret FROM oauth2_registered_client WHERE client_id = 'portal'")
			.query(String.class)
			.single();
		assertThat(stored).startsWith("{sha256}").doesNotContain("portal-demo-secret");
		assertThat(this.secretEncoder.matches("portal-demo-secret", stored)).isTrue();
	}

	@Test
	void whenTheDeclarationsAreAppliedAgainThenNothingIsDuplicatedAndIdsAreKept() throws Exception {
		String idBefore = this.clients.findByClientId("dashboard").getId();

		this.declaredClients.run(null);

		assertThat(this.clients.findByClientId("dashboard").getId()).isEqualTo(idBefore);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM oauth2_registered_client WHERE client_id = 'dashboard'")
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

}
