package dev.portcullis.idp.clients;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import dev.portcullis.idp.IdpApplication;
import dev.portcullis.idp.support.IdpTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A secret declared in configuration is typed by a person: outside the demo profile one under 32 characters stops
 * the IdP at start, naming the key, instead of guarding an app with something guessable.
 */
@IdpTest
class DeclaredClientSecretTest {

	private static final String PREFIX = "spring.security.oauth2.authorizationserver.client.reports.registration.";

	@TempDir
	Path dataDir;

	@Autowired
	CachingRegisteredClientRepository clients;

	@Autowired
	ClientSecretEncoder secretEncoder;

	@Test
	void whenAShortSecretIsDeclaredOutsideTheDemoProfileThenTheIdpDoesNotStartAndSaysWhichKey() {
		SpringApplicationBuilder idp = new SpringApplicationBuilder(IdpApplication.class);

		assertThatThrownBy(() -> idp.run("--server.port=0", "--portcullis.data-dir=" + this.dataDir,
				"--spring.datasource.url=jdbc:h2:mem:short-secret;DB_CLOSE_DELAY=-1", "--logging.level.root=OFF",
				"--" + PREFIX + "client-id=reports", "--" + PREFIX + "client-secret=reports-secret-2024",
				"--" + PREFIX + "client-authentication-methods=client_secret_basic",
				"--" + PREFIX + "authorization-grant-types=client_credentials", "--" + PREFIX + "scopes=reports.read"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("Declared client 'reports' cannot be registered")
			.hasMessageContaining(PREFIX + "client-secret: must have at least 32 characters outside the demo profile");
	}

	@Test
	void whenTheSecretHas32CharactersOrIsAlreadyHashedThenTheClientIsRegisteredOutsideTheDemoProfile() {
		DeclaredClients declared = declaredClients(new StandardEnvironment(),
				client("long-secret", "{noop}0123456789abcdef0123456789abcdef"),
				client("hashed-secret", this.secretEncoder.encode("short")));

		declared.run(null);

		assertThat(this.clients.findByClientId("long-secret")).isNotNull();
		assertThat(this.clients.findByClientId("hashed-secret")).isNotNull();
	}

	@Test
	void whenTheDemoProfileIsOnThenItsPublishedShortSecretsAreAccepted() {
		DeclaredClients declared = declaredClients(new MockEnvironment(),
				client("short-secret-nodemo", "short-secret"));
		MockEnvironment demo = new MockEnvironment();
		demo.setActiveProfiles("demo");

		assertThatIllegalStateException().isThrownBy(() -> declared.run(null))
			.withMessageContaining("client.short-secret-nodemo.registration.client-secret: must have at least 32");
		assertThat(this.clients.findByClientId("short-secret-nodemo")).isNull();

		declaredClients(demo, client("short-secret-demo", "short-secret")).run(null);
		assertThat(this.clients.findByClientId("short-secret-demo")).isNotNull();
	}

	@SafeVarargs
	private DeclaredClients declaredClients(Environment environment,
			Map.Entry<String, OAuth2AuthorizationServerProperties.Client>... clients) {
		OAuth2AuthorizationServerProperties properties = new OAuth2AuthorizationServerProperties();
		for (Map.Entry<String, OAuth2AuthorizationServerProperties.Client> client : clients) {
			properties.getClient().put(client.getKey(), client.getValue());
		}
		return new DeclaredClients(properties, this.clients, this.secretEncoder,
				new ClientsConfig.ClientsProperties(Duration.ofSeconds(5), Map.of(), java.util.Set.of()), environment);
	}

	private static Map.Entry<String, OAuth2AuthorizationServerProperties.Client> client(String id, String secret) {
		OAuth2AuthorizationServerProperties.Client client = new OAuth2AuthorizationServerProperties.Client();
		client.getRegistration().setClientId(id);
		client.getRegistration().setClientSecret(secret);
		client.getRegistration().setClientAuthenticationMethods(Set.of("client_secret_basic"));
		client.getRegistration().setAuthorizationGrantTypes(Set.of("client_credentials"));
		client.getRegistration().setScopes(Set.of("reports.read"));
		return Map.entry(id, client);
	}

}
