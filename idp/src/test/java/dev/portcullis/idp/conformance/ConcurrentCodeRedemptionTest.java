package dev.portcullis.idp.conformance;

import java.util.List;
import java.util.concurrent.Callable;
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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An authorization code is single-use even when two redemptions race (RFC 6749 section 4.1.2): exactly one gets
 * tokens, and because the code was used twice, the grant is revoked with whatever was issued from it (RFC 9700
 * section 4.5). Repeated, because a race that is won by chance once proves little.
 */
@IdpTest
class ConcurrentCodeRedemptionTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@RepeatedTest(3)
	void whenOneCodeIsRedeemedTwiceAtOnceThenExactlyOneGetsTokensAndTheyAreRevoked() throws Exception {
		AuthorizationRequest request = AuthorizationRequest.of("test-client", "http://127.0.0.1:9999/callback",
				"openid profile");
		String code = new Browser(this.port).authorizationCode(request, "alice", "alice-password");
		TokenClient client = new TokenClient(this.port, "test-client", "test-secret");
		// Two threads of their own (the common pool may have one on two cores), released together.
		ExecutorService two = Executors.newFixedThreadPool(2);
		try {
			CyclicBarrier start = new CyclicBarrier(2);
			Callable<TokenClient.Response> redeem = () -> {
				start.await(10, TimeUnit.SECONDS);
				return client.exchangeCode(request, code);
			};
			Future<TokenClient.Response> first = two.submit(redeem);
			Future<TokenClient.Response> second = two.submit(redeem);
			List<TokenClient.Response> answers = List.of(first.get(30, TimeUnit.SECONDS),
					second.get(30, TimeUnit.SECONDS));

			assertThat(answers).extracting(TokenClient.Response::status).containsExactlyInAnyOrder(200, 400);
			TokenClient.Response loser = answers.stream().filter((a) -> a.status() == 400).findFirst().orElseThrow();
			assertThat(loser.get("error")).isEqualTo("invalid_grant");
			TokenClient.Response winner = answers.stream().filter((a) -> a.status() == 200).findFirst().orElseThrow();
			assertThat(client.introspect(winner.get("access_token")).json()).containsEntry("active", false);
			assertThat(client.refresh(winner.get("refresh_token")).get("error")).isEqualTo("invalid_grant");
		}
		finally {
			two.shutdownNow();
		}
	}

}
