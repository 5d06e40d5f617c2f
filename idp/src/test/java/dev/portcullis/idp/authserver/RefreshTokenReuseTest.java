package dev.portcullis.idp.authserver;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.CodeFlow;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.support.TokenClient;
import dev.portcullis.idp.users.UserAccountRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refresh tokens rotate; a used one presented again revokes the whole grant (RFC 9700 section 4.14.2), and so
 * does revoking a refresh token (RFC 7009 section 2.1).
 */
@IdpTest
class RefreshTokenReuseTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	UserAccountRepository accounts;

	private TokenClient client;

	private TokenClient.Response tokens;

	@BeforeEach
	void signIn() {
		CodeFlow app = CodeFlow.testClient(this.port);
		this.client = app.tokenClient();
		this.tokens = app.tokens(new Browser(this.port), "openid profile", "alice", "alice-password");
	}

	@Test
	void whenAUsedRefreshTokenIsPresentedAgainThenTheWholeGrantIsRevokedAndAudited() {
		String first = this.tokens.get("refresh_token");
		TokenClient.Response rotated = this.client.refresh(first);
		assertThat(rotated.status()).isEqualTo(200);

		TokenClient.Response replay = this.client.refresh(first);

		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.get("error")).isEqualTo("invalid_grant");
		// the legitimate holder's newer tokens die with it
		assertThat(this.client.refresh(rotated.get("refresh_token")).get("error")).isEqualTo("invalid_grant");
		assertThat(this.client.introspect(rotated.get("access_token")).json()).containsEntry("active", false);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'refresh-token.reused'")
			.query(Integer.class)
			.single()).isPositive();
	}

	@Test
	void whenTheSameRefreshTokenIsPresentedTwiceAtOnceThenExactlyOneSucceedsAndTheGrantIsRevoked() throws Exception {
		String token = this.tokens.get("refresh_token");
		// Two threads of their own (the common pool may have one on two cores), released together.
		ExecutorService two = Executors.newFixedThreadPool(2);
		try {
			CyclicBarrier start = new CyclicBarrier(2);
			Callable<TokenClient.Response> refresh = () -> {
				start.await(10, TimeUnit.SECONDS);
				return this.client.refresh(token);
			};
			Future<TokenClient.Response> first = two.submit(refresh);
			Future<TokenClient.Response> second = two.submit(refresh);
			List<TokenClient.Response> answers = List.of(first.get(30, TimeUnit.SECONDS),
					second.get(30, TimeUnit.SECONDS));

			assertThat(answers).extracting(TokenClient.Response::status).containsExactlyInAnyOrder(200, 400);
			TokenClient.Response winner = answers.stream().filter((a) -> a.status() == 200).findFirst().orElseThrow();
			// The token was used twice: the grant is gone, the winner's new tokens with it.
			assertThat(this.client.refresh(winner.get("refresh_token")).get("error")).isEqualTo("invalid_grant");
			assertThat(this.client.introspect(winner.get("access_token")).body()).contains("\"active\":false");
		}
		finally {
			two.shutdownNow();
		}
	}

	@Test
	void whenARefreshTokenIsRevokedThenItAndItsAccessTokenStopWorking() {
		TokenClient.Response revoked = this.client.post("/oauth2/revoke",
				Map.of("token", this.tokens.get("refresh_token"), "token_type_hint", "refresh_token"));

		assertThat(revoked.status()).isEqualTo(200);
		assertThat(this.client.refresh(this.tokens.get("refresh_token")).get("error")).isEqualTo("invalid_grant");
		assertThat(this.client.introspect(this.tokens.get("access_token")).json()).containsEntry("active", false);
	}

	@Test
	void whenTheAccountIsDisabledThenItsRefreshTokenNoLongerWorksEvenIfTheGrantSurvived() {
		String username = "henry-" + System.nanoTime();
		this.accounts.create(username, null, "Henry", "{bcrypt}" + new BCryptPasswordEncoder(4).encode("henry-password"),
				java.util.Set.of("USER"));
		String refreshToken = CodeFlow.testClient(this.port)
			.tokens(new Browser(this.port), "openid", username, "henry-password")
			.get("refresh_token");
		// disabled behind the admin's back: the grant is still in the table
		this.accounts.setEnabled(this.accounts.findByUsername(username).orElseThrow().id(), false);

		TokenClient.Response response = this.client.refresh(refreshToken);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.get("error")).isEqualTo("invalid_grant");
	}

	@Test
	void whenAnotherClientPresentsTheRefreshTokenThenItFails() {
		TokenClient.Response response = new TokenClient(this.port, "logout-client", "logout-secret")
			.refresh(this.tokens.get("refresh_token"));

		assertThat(response.status()).isEqualTo(400);
		assertThat(this.client.refresh(this.tokens.get("refresh_token")).status()).isEqualTo(200);
	}

}
