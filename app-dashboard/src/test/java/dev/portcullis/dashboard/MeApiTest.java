package dev.portcullis.dashboard;

import java.net.http.HttpResponse;

import dev.portcullis.testsupport.Browser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/me}: who the caller's token speaks for; the token rules themselves are the starter's. */
class MeApiTest extends FakeIdpTestBase {

	@Test
	void whenThePortalCallsWithAValidTokenThenTheAnswerSaysWhoItSpeaksFor() {
		String token = idp.sign(idp.accessTokenClaims("portal", "openid", "dashboard.api").build());

		HttpResponse<String> answer = new Browser(baseUrl()).getWithBearer("/api/me", token);

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("""
				{"app":"dashboard","subject":"user-1","username":"alice","scopes":["dashboard.api","openid"],\
				"clientId":"portal"}""");
		assertThat(answer.headers().firstValue("Set-Cookie")).as("stateless").isEmpty();
	}

	@Test
	void whenTheTokenLacksTheDashboardsScopeThenForbidden() {
		String token = idp.sign(idp.accessTokenClaims("portal", "openid", "portal.api").build());

		HttpResponse<String> answer = new Browser(baseUrl()).getWithBearer("/api/me", token);

		assertThat(answer.statusCode()).isEqualTo(403);
		assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				(challenge) -> assertThat(challenge).contains("insufficient_scope"));
	}

}
