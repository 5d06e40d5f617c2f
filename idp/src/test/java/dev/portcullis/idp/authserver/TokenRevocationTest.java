package dev.portcullis.idp.authserver;

import java.util.Map;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.CodeFlow;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.support.TokenClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 7009: a client revokes its own tokens, and only its own (refresh tokens: {@link RefreshTokenReuseTest}). */
@IdpTest
class TokenRevocationTest {

	@LocalServerPort
	int port;

	private TokenClient client;

	private TokenClient.Response tokens;

	@BeforeEach
	void signIn() {
		CodeFlow app = CodeFlow.testClient(this.port);
		this.client = app.tokenClient();
		this.tokens = app.tokens(new Browser(this.port), "openid", "alice", "alice-password");
		assertThat(active(this.tokens.get("access_token"))).isTrue();
	}

	@Test
	void whenAnAccessTokenIsRevokedThenItIsNoLongerActive() {
		TokenClient.Response revoked = this.client.post("/oauth2/revoke",
				Map.of("token", this.tokens.get("access_token"), "token_type_hint", "access_token"));

		assertThat(revoked.status()).isEqualTo(200);
		assertThat(active(this.tokens.get("access_token"))).isFalse();
	}

	@Test
	void whenAnotherClientRevokesTheTokensThenTheyStayActive() {
		TokenClient other = new TokenClient(this.port, "logout-client", "logout-secret");

		TokenClient.Response access = other.post("/oauth2/revoke",
				Map.of("token", this.tokens.get("access_token"), "token_type_hint", "access_token"));
		TokenClient.Response refresh = other.post("/oauth2/revoke",
				Map.of("token", this.tokens.get("refresh_token"), "token_type_hint", "refresh_token"));

		assertThat(access.status()).isNotEqualTo(500);
		assertThat(refresh.status()).isNotEqualTo(500);
		assertThat(active(this.tokens.get("access_token"))).as("access token").isTrue();
		assertThat(this.client.refresh(this.tokens.get("refresh_token")).status()).as("refresh token").isEqualTo(200);
	}

	private boolean active(String token) {
		return Boolean.TRUE.equals(this.client.introspect(token).json().get("active"));
	}

}
