package dev.portcullis.idp;

import javax.sql.DataSource;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.Databases;
import dev.portcullis.idp.support.RequiresPostgres;
import dev.portcullis.idp.support.TestPostgres;
import dev.portcullis.idp.support.TokenClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole IdP on PostgreSQL (profile {@code postgres}, standard {@code SPRING_DATASOURCE_*} settings): Flyway
 * migrates, a person signs in (session in Spring Session JDBC) and a client completes code + PKCE.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "demo", "test", "postgres" })
@RequiresPostgres
// Closed after the class: its database is gone then, and a cached context would go on running Spring Session's
// cleanup against it every minute (errors in the rest of the build's log).
@DirtiesContext
class PostgresProfileTest {

	private static DataSource schema;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) throws Exception {
		// @RequiresPostgres has already skipped the class when there is no PostgreSQL.
		schema = Databases.postgresql();
		TestPostgres.Server server = TestPostgres.server();
		try (var connection = schema.getConnection()) {
			String url = connection.getMetaData().getURL();
			registry.add("spring.datasource.url", () -> url);
			registry.add("spring.datasource.username", server::user);
			registry.add("spring.datasource.password", server::password);
		}
	}

	@AfterAll
	static void dropSchema() throws Exception {
		if (schema != null) {
			Databases.dropSchema(schema);
		}
	}

	@Test
	void whenTheIdpRunsOnPostgresqlThenSignInAndCodeExchangeWork() {
		AuthorizationRequest request = AuthorizationRequest.of("test-client", "http://127.0.0.1:9999/callback",
				"openid profile");
		String code = new Browser(this.port).authorizationCode(request, "alice", "alice-password");

		TokenClient.Response tokens = new TokenClient(this.port, "test-client", "test-secret").exchangeCode(request,
				code);

		assertThat(tokens.status()).isEqualTo(200);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM spring_session").query(Integer.class).single()).isPositive();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization WHERE access_token_hash IS NOT NULL")
			.query(Integer.class)
			.single()).isPositive();
	}

}
