package dev.portcullis.idp.clients;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import dev.portcullis.idp.support.IdpTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Clients declared with Boot's keys are in the database, with their secret hashed, once each; a declared value that
 * breaks the rules stops the start with a message naming the key.
 */
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
	void whenADeclaredValueBreaksTheRulesThenStartingFailsNamingTheKeyAndNothingIsStored() {
		OAuth2AuthorizationServerProperties properties = new OAuth2AuthorizationServerProperties();
		OAuth2AuthorizationServerProperties.Client bad = new OAuth2AuthorizationServerProperties.Client();
		bad.getRegistration().setClientId("bad-declared");
		bad.getRegistration().setClientSecret("secret");
		bad.getRegistration().setClientAuthenticationMethods(Set.of("client_secret_basic"));
		bad.getRegistration().setAuthorizationGrantTypes(Set.of("authorization_code"));
		bad.getRegistration().setRedirectUris(Set.of("https://bad.example/cb?x=,javascript:alert(1)"));
		bad.getRegistration().setScopes(Set.of("openid,portcullis.admin"));
		properties.getClient().put("bad", bad);
		DeclaredClients declared = new DeclaredClients(properties, this.clients, this.secretEncoder,
				new ClientsConfig.ClientsProperties(Duration.ofSeconds(5), Map.of(), java.util.Set.of()), new org.springframework.mock.env.MockEnvironment());

		assertThatIllegalStateException().isThrownBy(() -> declared.run(null))
			.withMessageContaining("Declared client 'bad-declared' cannot be registered")
			.withMessageContaining("spring.security.oauth2.authorizationserver.client.bad.registration.redirect-uris: "
					+ "https://bad.example/cb?x=,javascript:alert(1) must not contain a comma")
			.withMessageContaining("spring.security.oauth2.authorizationserver.client.bad.registration.scopes: ");
		assertThat(this.clients.findByClientId("bad-declared")).isNull();
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
