package dev.portcullis.idp.keys;

import java.util.List;

import dev.portcullis.idp.support.TokenClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole IdP with {@code portcullis.keys.encryption-key} set: the signing keys table holds no readable private key,
 * and the tokens it signs still verify. (Once a {@code @Nested} class of {@link KeyEncryptionTest}, where Surefire's
 * summary line for the outer class read "Tests run: 0": apache/maven-surefire#3356.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "portcullis.keys.encryption-key=AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=") // KeyEncryptionTest.KEY
@ActiveProfiles({ "demo", "test" })
class SealedSigningKeysTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void whenItIssuesTokensThenTheyVerifyWhileNoStoredKeyIsReadable() {
		TokenClient client = new TokenClient(this.port, "test-client", "test-secret");
		String token = client.clientCredentials("reports.read").get("access_token");

		assertThat(NimbusJwtDecoder.withJwkSetUri("http://localhost:" + this.port + "/oauth2/jwks")
			.build()
			.decode(token)
			.getClaims()).containsEntry("client_id", "test-client");
		List<String> stored = this.jdbc.sql("SELECT jwk FROM signing_keys").query(String.class).list();
		assertThat(stored).isNotEmpty()
			.allSatisfy((jwk) -> assertThat(jwk).startsWith(KeyEncryption.PREFIX).doesNotContain("\"d\""));
	}

}
