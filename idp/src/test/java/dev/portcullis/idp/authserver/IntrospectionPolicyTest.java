package dev.portcullis.idp.authserver;

import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.support.TokenClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 7662 section 4: a client may introspect its own tokens, and learns nothing about anyone else's. */
@IdpTest
class IntrospectionPolicyTest {

	@LocalServerPort
	int port;

	@Test
	void whenClientIntrospectsItsOwnTokenThenItIsActive() {
		TokenClient owner = new TokenClient(this.port, "test-client", "test-secret");
		String token = owner.clientCredentials("reports.read").get("access_token");

		TokenClient.Response response = owner.introspect(token);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).containsEntry("active", true).containsEntry("client_id", "test-client");
	}

	@Test
	void whenClientIntrospectsAnotherClientsTokenThenItLooksInactive() {
		String token = new TokenClient(this.port, "test-client", "test-secret").clientCredentials("reports.read")
			.get("access_token");

		TokenClient.Response response = new TokenClient(this.port, "other-client", "other-secret").introspect(token);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).containsEntry("active", false).doesNotContainKey("client_id");
	}

}
