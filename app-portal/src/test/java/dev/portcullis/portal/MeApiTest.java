package dev.portcullis.portal;

import java.time.Instant;
import java.util.Date;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/me} accepts only a valid access token from the IdP that carries the portal's API scope. */
class MeApiTest extends FakeIdpTestBase {

	@Test
	void whenNoTokenThenUnauthorizedWithBearerChallenge() {
		this.http.get()
			.uri("/api/me")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer.*");
	}

	@Test
	void whenClientFollowsTheChallengesMetadataLinkThenItNamesTheIdpAndScope() {
		String metadataUrl = this.http.get()
			.uri("/api/me")
			.exchange()
			.returnResult()
			.getResponseHeaders()
			.getFirst(HttpHeaders.WWW_AUTHENTICATE)
			.replaceAll(".*resource_metadata=\"([^\"]+)\".*", "$1");

		this.http.get()
			.uri(metadataUrl)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.authorization_servers[0]")
			.isEqualTo(idp.issuer)
			.jsonPath("$.scopes_supported[0]")
			.isEqualTo("portal.api");
	}

	@Test
	void whenTokenIsGarbageThenUnauthorized() {
		expectInvalidToken(call("not-a-jwt"));
	}

	@Test
	void whenTokenIsValidThenAnswersWhoItSpeaksFor() {
		String token = idp.sign(idp.accessTokenClaims("openid", "portal.api").build());

		EntityExchangeResult<Map<String, Object>> result = call(token).expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<>() {
			});

		assertThat(result.getResponseBody()).containsEntry("app", "portal")
			.containsEntry("subject", "user-1")
			.containsEntry("username", "alice")
			.containsEntry("clientId", "dashboard");
		assertThat(result.getResponseBody().get("scopes")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.containsExactly("openid", "portal.api");
		// Stateless: an API call must not leave a session behind.
		assertThat(result.getResponseHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
	}

	@Test
	void whenTokenHasExpiredThenUnauthorized() {
		// Well past the validator's 60 seconds of allowed clock skew.
		Instant past = Instant.now().minusSeconds(600);
		String token = idp.sign(idp.accessTokenClaims("portal.api")
			.issueTime(Date.from(past.minusSeconds(300)))
			.notBeforeTime(Date.from(past.minusSeconds(300)))
			.expirationTime(Date.from(past))
			.build());

		expectInvalidToken(call(token));
	}

	@Test
	void whenSignatureIsTamperedThenUnauthorized() {
		String token = idp.sign(idp.accessTokenClaims("portal.api").build());
		String[] parts = token.split("\\.");
		String otherPayload = idp.sign(idp.accessTokenClaims("portal.api").subject("admin").build()).split("\\.")[1];

		expectInvalidToken(call(parts[0] + "." + otherPayload + "." + parts[2]));
	}

	@Test
	void whenSignedWithAnotherKeyUnderTheSameKidThenUnauthorized() throws Exception {
		RSAKey impostor = new RSAKeyGenerator(2048).keyID(idp.key.getKeyID()).generate();

		expectInvalidToken(call(FakeIdp.sign(idp.accessTokenClaims("portal.api").build(), impostor)));
	}

	@Test
	void whenIssuerIsAnotherThenUnauthorized() {
		String token = idp.sign(idp.accessTokenClaims("portal.api").issuer("http://localhost:9999").build());

		expectInvalidToken(call(token));
	}

	@Test
	void whenScopeIsMissingThenForbiddenWithInsufficientScope() {
		String token = idp.sign(idp.accessTokenClaims("openid", "dashboard.api").build());

		call(token).expectStatus()
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
