package dev.portcullis.idp.conformance;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.support.TokenClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A used authorization code presented again means someone else holds a copy: the replay is refused, and the
 * tokens already issued from the code stop working (RFC 6749 section 4.1.2, RFC 9700 section 4.5).
 */
@IdpTest
class CodeReplayRevokesTest {

	@LocalServerPort
	int port;

	@Test
	void whenAUsedCodeIsPresentedAgainThenItIsRefusedAndTheTokensIssuedFromItAreRevoked() {
		AuthorizationRequest request = AuthorizationRequest.of("test-client", "http://127.0.0.1:9999/callback",
				"openid profile");
		String code = new Browser(this.port).authorizationCode(request, "alice", "alice-password");
		TokenClient client = new TokenClient(this.port, "test-client", "test-secret");
		TokenClient.Response issued = client.exchangeCode(request, code);
		assertThat(issued.status()).isEqualTo(200);
		assertThat(client.introspect(issued.get("access_token")).json()).containsEntry("active", true);

		TokenClient.Response replay = client.exchangeCode(request, code);

		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.get("error")).isEqualTo("invalid_grant");
		assertThat(client.introspect(issued.get("access_token")).json()).containsEntry("active", false);
		assertThat(client.refresh(issued.get("refresh_token")).get("error")).isEqualTo("invalid_grant");
	}

}
