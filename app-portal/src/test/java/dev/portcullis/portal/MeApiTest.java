package dev.portcullis.portal;

import java.net.http.HttpResponse;

import dev.portcullis.testsupport.Browser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/me}: who the caller's token speaks for; the token rules themselves are the starter's. */
class MeApiTest extends FakeIdpTestBase {

	@Test
	void whenTheDashboardCallsWithAValidTokenThenTheAnswerSaysWhoItSpeaksFor() {
		String token = idp.sign(idp.accessTokenClaims("dashboard", "openid", "portal.api").build());

		HttpResponse<String> answer = new Browser(baseUrl()).getWithBearer("/api/me", token);

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("""
				{"app":"portal","subject":"user-1","username":"alice","scopes":["openid","portal.api"],\
				"clientId":"dashboard"}""");
		assertThat(answer.headers().firstValue("Set-Cookie")).as("stateless").isEmpty();
	}

	@Test
	void whenTheTokenLacksThePortalsScopeThenForbidden() {
		String token = idp.sign(idp.accessTokenClaims("dashboard", "openid", "dashboard.api").build());

		HttpResponse<String> answer = new Browser(baseUrl()).getWithBearer("/api/me", token);

		assertThat(answer.statusCode()).isEqualTo(403);
		assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).contains("insufficient_scope"));
	}

}
