package dev.portcullis.client;

import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.portcullis.testsupport.FakeIdp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The app's API ({@code /api/**} by default): a bearer token from the IdP with the API's scope
 * ({@code starter-app.api}, the client id followed by {@code .api}); 401 with {@code WWW-Authenticate} otherwise.
 */
class ResourceServerTest extends StarterTestBase {

	private static final String SCOPE = CLIENT_ID + ".api";

	RestTestClient http;

	@BeforeEach
	void createClient() {
		this.http = RestTestClient.bindToServer(new JdkClientHttpRequestFactory()).baseUrl(baseUrl()).build();
	}

	@Test
	void whenNoTokenThenUnauthorizedWithBearerChallengeNotARedirectToSignIn() {
		this.http.get()
			.uri("/api/me")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer.*");
	}

	@Test
	void whenTokenIsValidThenAnsweredWithoutASession() {
		String token = idp.sign(idp.accessTokenClaims("other-app", "openid", SCOPE).build());

		call(token).expectStatus().isOk().expectHeader().doesNotExist(HttpHeaders.SET_COOKIE).expectBody(String.class)
			.isEqualTo("user-1");
	}

	@Test
	void whenTheMetadataDocumentIsAskedForThenItNamesTheIdpAndScope() {
		this.http.get()
			.uri("/.well-known/oauth-protected-resource/api/me")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.authorization_servers[0]")
			.isEqualTo(idp.issuer)
			.jsonPath("$.scopes_supported[0]")
			.isEqualTo(SCOPE);
	}

	@Test
	void whenTokenIsGarbageThenInvalidToken() {
		expectInvalidToken(call("not-a-jwt"));
	}

	@Test
	void whenTokenHasExpiredThenInvalidToken() {
		Instant past = Instant.now().minusSeconds(600);
		expectInvalidToken(call(idp.sign(idp.accessTokenClaims("other-app", SCOPE)
			.issueTime(Date.from(past.minusSeconds(300)))
			.notBeforeTime(Date.from(past.minusSeconds(300)))
			.expirationTime(Date.from(past))
			.build())));
	}

	@Test
	void whenIssuerIsAnotherThenInvalidToken() {
		expectInvalidToken(
				call(idp.sign(idp.accessTokenClaims("other-app", SCOPE).issuer("http://localhost:9999").build())));
	}

	@Test
	void whenSignedWithAnotherKeyUnderTheSameKidThenInvalidToken() throws Exception {
		RSAKey impostor = new RSAKeyGenerator(2048).keyID(idp.key.getKeyID()).generate();

		expectInvalidToken(call(FakeIdp.sign(idp.accessTokenClaims("other-app", SCOPE).build(), impostor)));
	}

	@Test
	void whenScopeIsMissingThenForbiddenWithInsufficientScope() {
		call(idp.sign(idp.accessTokenClaims("other-app", "openid", "portal.api").build())).expectStatus()
			.isForbidden()
			.expectHeader()
			.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer.*error=\"insufficient_scope\".*");
	}

	private RestTestClient.ResponseSpec call(String token) {
		return this.http.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
	}

	private static void expectInvalidToken(RestTestClient.ResponseSpec response) {
		response.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer.*error=\"invalid_token\".*");
	}

}
