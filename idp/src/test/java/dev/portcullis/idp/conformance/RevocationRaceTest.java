package dev.portcullis.idp.conformance;

import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.support.TokenClient;
import org.junit.jupiter.api.RepeatedTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refresh racing the revocation of the same refresh token: whichever request is first, the revocation wins and
 * the grant does not come back (RFC 7009 section 2.1). The refresh may still answer 200 when it finished first; the
 * tokens it got must then be dead too.
 */
@IdpTest
class RevocationRaceTest {

	@LocalServerPort
	int port;

	@RepeatedTest(3)
	void whenARefreshRacesARevocationThenTheGrantEndsRevokedWhateverTheOrder() throws Exception {
		AuthorizationRequest request = AuthorizationRequest.of("test-client", "http://127.0.0.1:9999/callback",
				"openid profile");
		String code = new Browser(this.port).authorizationCode(request, "alice", "alice-password");
		TokenClient client = new TokenClient(this.port, "test-client", "test-secret");
		TokenClient.Response tokens = client.exchangeCode(request, code);
		String refreshToken = tokens.get("refresh_token");
		ExecutorService two = Executors.newFixedThreadPool(2);
		try {
			CyclicBarrier start = new CyclicBarrier(2);
			Future<TokenClient.Response> refresh = two.submit(() -> {
				start.await(10, TimeUnit.SECONDS);
				return client.refresh(refreshToken);
			});
			Future<TokenClient.Response> revoke = two.submit(() -> {
				start.await(10, TimeUnit.SECONDS);
				return client.post("/oauth2/revoke", Map.of("token", refreshToken, "token_type_hint", "refresh_token"));
			});
			TokenClient.Response refreshed = refresh.get(30, TimeUnit.SECONDS);
			assertThat(revoke.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);

			assertThat(client.refresh(refreshToken).get("error")).isEqualTo("invalid_grant");
			assertThat(client.introspect(tokens.get("access_token")).json()).containsEntry("active", false);
			if (refreshed.status() == 200) {
				assertThat(client.refresh(refreshed.get("refresh_token")).get("error")).isEqualTo("invalid_grant");
				assertThat(client.introspect(refreshed.get("access_token")).json()).containsEntry("active", false);
			}
			else {
				assertThat(refreshed.get("error")).isEqualTo("invalid_grant");
			}
		}
		finally {
			two.shutdownNow();
		}
	}

}
