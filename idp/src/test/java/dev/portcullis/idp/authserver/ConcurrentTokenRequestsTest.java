package dev.portcullis.idp.authserver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.TokenClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More concurrent code exchanges and refreshes than the database pool has connections. The stock JDBC grant
 * lookup fetches the client with a second connection while holding the first, so with N connections, N
 * concurrent lookups can wait on each other forever; here every request must complete.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.hikari.maximum-pool-size=3",
				"spring.datasource.hikari.connection-timeout=20000",
				// every lookup must reach the database: no help from the client cache
				"portcullis.clients.cache-ttl=0s" })
@ActiveProfiles({ "demo", "test" })
class ConcurrentTokenRequestsTest {

	private static final int CONCURRENT = 12;

	private static final String REDIRECT_URI = "http://127.0.0.1:9999/callback";

	@LocalServerPort
	int port;

	@Test
	void whenManyMoreRequestsThanConnectionsArriveAtOnceThenEveryExchangeAndRefreshCompletes() throws Exception {
		Browser browser = new Browser(this.port);
		TokenClient client = new TokenClient(this.port, "test-client", "test-secret");
		List<AuthorizationRequest> requests = new ArrayList<>();
		List<String> codes = new ArrayList<>();
		for (int i = 0; i < CONCURRENT; i++) {
			AuthorizationRequest request = AuthorizationRequest.of("test-client", REDIRECT_URI, "openid");
			requests.add(request);
			codes.add(browser.authorizationCode(request, "alice", "alice-password"));
		}

		List<TokenClient.Response> exchanged = allAtOnce(CONCURRENT,
				(i) -> client.exchangeCode(requests.get(i), codes.get(i)));
		assertThat(exchanged).allSatisfy((response) -> assertThat(response.status()).isEqualTo(200));

		List<TokenClient.Response> refreshed = allAtOnce(CONCURRENT,
				(i) -> client.refresh(exchanged.get(i).get("refresh_token")));
		assertThat(refreshed).allSatisfy((response) -> assertThat(response.status()).isEqualTo(200));
	}

	private static List<TokenClient.Response> allAtOnce(int count, java.util.function.IntFunction<TokenClient.Response> call)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(count);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<TokenClient.Response>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int index = i;
				Callable<TokenClient.Response> task = () -> {
					start.await();
					return call.apply(index);
				};
				futures.add(pool.submit(task));
			}
			start.countDown();
			List<TokenClient.Response> responses = new ArrayList<>();
			for (Future<TokenClient.Response> future : futures) {
				// A deadlocked pool would hang here; the bound only turns a hang into a failure.
				responses.add(future.get(60, TimeUnit.SECONDS));
			}
			return responses;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
