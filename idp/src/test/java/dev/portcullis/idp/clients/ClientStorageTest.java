package dev.portcullis.idp.clients;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import javax.sql.DataSource;

import dev.portcullis.idp.support.OnBothDatabases;
import dev.portcullis.idp.support.TestDatabase;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registered apps on H2 and PostgreSQL: listing, "last used", deletion with grants, and how two IdP nodes with their
 * own caches see a change (within the cache TTL).
 */
class ClientStorageTest {

	@OnBothDatabases
	void whenAnAppIsUsedListedAndDeletedThenItsGrantsGoWithIt(TestDatabase database) throws Exception {
		DataSource dataSource = database.get();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		JdbcRegisteredClientRepository repository = new JdbcRegisteredClientRepository(jdbc);
		ClientCatalog catalog = new ClientCatalog(jdbc);
		RegisteredClient zed = client("zed", "Zed");
		RegisteredClient alpha = client("alpha", "alpha");
		repository.save(zed);
		repository.save(alpha);
		jdbc.update("INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, "
				+ "authorization_grant_type, expires_at) VALUES ('g1', ?, 'someone', 'authorization_code', "
				+ "CURRENT_TIMESTAMP)", zed.getId());

		assertThat(catalog.all()).extracting(RegisteredClient::getClientId).containsExactly("alpha", "zed");
		Instant used = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		catalog.recordUse(zed.getId(), used);
		repository.save(RegisteredClient.from(zed).clientName("Zed 2").build()); // a save keeps "last used"
		assertThat(catalog.lastUsed(zed.getId())).isEqualTo(used);
		assertThat(catalog.lastUsed()).containsOnlyKeys(zed.getId());

		assertThat(catalog.deleteWithGrants(zed.getId())).isEqualTo(1);
		assertThat(repository.findByClientId("zed")).isNull();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM oauth2_authorization", Integer.class)).isZero();
		assertThat(repository.findByClientId("alpha")).isNotNull();
	}

	@OnBothDatabases
	void whenOneNodeRegistersAnAppThenAnotherSeesItWithinTheCacheTtl(TestDatabase database)
			throws Exception {
		DataSource dataSource = database.get();
		Duration ttl = Duration.ofMillis(300);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		CachingRegisteredClientRepository nodeA = new CachingRegisteredClientRepository(
				new JdbcRegisteredClientRepository(jdbc), ttl);
		CachingRegisteredClientRepository nodeB = new CachingRegisteredClientRepository(
				new JdbcRegisteredClientRepository(jdbc), ttl);
		assertThat(nodeB.findByClientId("late")).isNull(); // node B now remembers "no such app"

		nodeA.save(client("late", "Late"));

		assertThat(nodeA.findByClientId("late")).isNotNull(); // the saving node: at once
		Thread.sleep(ttl.toMillis() + 100); // the bound under test is a time
		assertThat(nodeB.findByClientId("late")).isNotNull(); // any other node: within the TTL
	}

	private static RegisteredClient client(String clientId, String name) {
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientName(name)
			.clientSecret("{sha256}" + clientId + "$y")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.build();
	}

}
