package dev.portcullis.idp.authserver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import com.nimbusds.jose.JWSObject;
import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.support.TokenClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/** Authorization code with PKCE, end to end over HTTP: sign in, get a code, exchange it, use the tokens. */
@IdpTest
class AuthorizationCodeFlowTest {

	private static final String REDIRECT_URI = "http://127.0.0.1:9999/callback";

	@LocalServerPort
	int port;

	private Browser browser;

	private TokenClient client;

	private JwtDecoder jwks;

	@BeforeEach
	void setUp() {
		this.browser = new Browser(this.port);
		this.client = new TokenClient(this.port, "test-client", "test-secret");
		this.jwks = NimbusJwtDecoder.withJwkSetUri(this.browser.baseUrl() + "/oauth2/jwks").build();
	}

	@Test
	void whenAliceSignsInThenTheIdTokenNamesHerForThisClientAndIsSignedWithAPublishedKey() throws Exception {
		AuthorizationRequest request = AuthorizationRequest.of("test-client", REDIRECT_URI, "openid profile email");
		String code = this.browser.authorizationCode(request, "alice", "alice-password");

		TokenClient.Response tokens = this.client.exchangeCode(request, code);

		assertThat(tokens.status()).isEqualTo(200);
		String idTokenValue = tokens.get("id_token");
		Jwt idToken = this.jwks.decode(idTokenValue); // verifies the signature against the JWKS
		assertThat(JWSObject.parse(idTokenValue).getHeader().getKeyID()).isNotBlank();
		assertThat(JWSObject.parse(idTokenValue).getHeader().getAlgorithm().getName()).isEqualTo("RS256");
		assertThat(idToken.getIssuer().toString()).isEqualTo("http://localhost:9000");
		assertThat(idToken.getAudience()).containsExactly("test-client");
		assertThat(idToken.getClaimAsString("nonce")).isEqualTo(request.nonce());
		assertThat(idToken.getSubject()).matches("[0-9a-f-]{36}"); // the account id, never the username
		assertThat(idToken.getExpiresAt()).isAfter(Instant.now());
		assertThat(idToken.getClaimAsString("sid")).isNotBlank();
		assertThat(idToken.getClaimAsString("name")).isEqualTo("Alice Liddell");
		assertThat(idToken.getClaimAsString("preferred_username")).isEqualTo("alice");
		assertThat(idToken.getClaimAsString("email")).isEqualTo("alice@example.com");

		Jwt accessToken = this.jwks.decode(tokens.get("access_token"));
		assertThat(accessToken.getSubject()).isEqualTo(idToken.getSubject());
		assertThat(accessToken.getClaimAsStringList("scope")).contains("openid", "profile", "email");
		assertThat(accessToken.getClaimAsString("client_id")).isEqualTo("test-client");
		assertThat(tokens.get("refresh_token")).isNotBlank();
	}

	@Test
	void whenScopeIsOnlyOpenidThenTheIdTokenCarriesNoProfileOrEmail() {
		AuthorizationRequest request = AuthorizationRequest.of("test-client", REDIRECT_URI, "openid");
		String code = this.browser.authorizationCode(request, "bob", "bob-password");

		Jwt idToken = this.jwks.decode(this.client.exchangeCode(request, code).get("id_token"));

		assertThat(idToken.getClaims()).doesNotContainKeys("name", "email", "preferred_username");
	}

	@Test
	@SuppressWarnings("unchecked")
	void whenAppCallsUserinfoWithTheAccessTokenThenItGetsTheGrantedClaims() throws Exception {
		AuthorizationRequest request = AuthorizationRequest.of("test-client", REDIRECT_URI, "openid profile email");
		String code = this.browser.authorizationCode(request, "alice", "alice-password");
		String accessToken = this.client.exchangeCode(request, code).get("access_token");

		HttpResponse<String> userinfo = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.browser.baseUrl() + "/userinfo"))
				.header("Authorization", "Bearer " + accessToken)
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(userinfo.statusCode()).isEqualTo(200);
		Map<String, Object> claims = JsonMapper.builder().build().readValue(userinfo.body(), Map.class);
		assertThat(claims).containsEntry("preferred_username", "alice")
			.containsEntry("name", "Alice Liddell")
			.containsEntry("email", "alice@example.com")
			.containsKey("sub");
	}

	@Test
	void whenUserinfoIsCalledWithoutATokenThenItAnswers401() throws Exception {
		HttpResponse<String> userinfo = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.browser.baseUrl() + "/userinfo")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(userinfo.statusCode()).isEqualTo(401);
	}

	@Test
	void whenRefreshTokenIsUsedThenItRotatesAndTheOldOneStopsWorking() {
		AuthorizationRequest request = AuthorizationRequest.of("test-client", REDIRECT_URI, "openid profile");
		String code = this.browser.authorizationCode(request, "alice", "alice-password");
		String firstRefresh = this.client.exchangeCode(request, code).get("refresh_token");

		TokenClient.Response refreshed = this.client.refresh(firstRefresh);

		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(refreshed.get("refresh_token")).isNotBlank().isNotEqualTo(firstRefresh);
		assertThat(this.client.refresh(firstRefresh).status()).isEqualTo(400);
		assertThat(this.client.refresh(firstRefresh).get("error")).isEqualTo("invalid_grant");
	}

	@Test
	void whenAliceIsAlreadySignedInThenASecondAuthorizationNeedsNoSignIn() {
		AuthorizationRequest first = AuthorizationRequest.of("test-client", REDIRECT_URI, "openid");
		this.browser.authorizationCode(first, "alice", "alice-password");

		AuthorizationRequest second = AuthorizationRequest.of("test-client", REDIRECT_URI, "openid");
		HttpResponse<String> response = this.browser.authorize(second);

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(Browser.location(response)).startsWith(REDIRECT_URI + "?code=");
	}

}
