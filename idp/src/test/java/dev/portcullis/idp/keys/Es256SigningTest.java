package dev.portcullis.idp.keys;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.CodeFlow;
import dev.portcullis.idp.support.TokenClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code portcullis.keys.algorithm=ES256} a fresh IdP signs every token with a P-256 key: access and ID tokens
 * verify against the published EC key, discovery says so, and the IdP's own token checks (userinfo) accept them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "portcullis.keys.algorithm=ES256")
@ActiveProfiles({ "demo", "test" })
class Es256SigningTest {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void whenEs256IsConfiguredThenTokensAreSignedWithTheEcKeyAndVerifyAgainstTheJwks() throws Exception {
		JWKSet jwks = JWKSet.parse(get("/oauth2/jwks"));
		assertThat(jwks.getKeys()).singleElement().isInstanceOf(ECKey.class);
		ECKey key = (ECKey) jwks.getKeys().get(0);
		assertThat(get("/.well-known/openid-configuration"))
			.contains("\"id_token_signing_alg_values_supported\":[\"ES256\",\"RS256\"]");

		TokenClient.Response tokens = CodeFlow.testClient(this.port)
			.tokens(new Browser(this.port), "openid profile", "alice", "alice-password");

		for (String token : new String[] { tokens.get("access_token"), tokens.get("id_token") }) {
			SignedJWT jwt = SignedJWT.parse(token);
			assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
			assertThat(jwt.getHeader().getKeyID()).isEqualTo(key.getKeyID());
			assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
		}
		HttpResponse<String> userinfo = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/userinfo"))
					.header("Authorization", "Bearer " + tokens.get("access_token"))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(userinfo.statusCode()).isEqualTo(200);
		assertThat(userinfo.body()).contains("\"sub\"");
	}

	private String get(String path) throws Exception {
		return this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

}
