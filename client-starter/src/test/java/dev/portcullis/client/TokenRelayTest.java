package dev.portcullis.client;

import java.net.http.HttpResponse;

import dev.portcullis.testsupport.Browser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code PortcullisTokenRelay} calls another app's API with the signed-in person's access token. */
class TokenRelayTest extends StarterTestBase {

	@Test
	void whenSignedInPersonCallsAnotherAppsApiThenTheirAccessTokenGoesAlong() {
		Browser browser = signedIn();
		String issued = idp.issuedAccessTokens.get(idp.issuedAccessTokens.size() - 1);

		HttpResponse<String> answer = browser.get("/relay");

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(answer.body()).contains("\"subject\":\"user-1\"");
		assertThat(idp.otherAppAuthorizations).last().isEqualTo("Bearer " + issued);
	}

	@Test
	void whenTheAccessTokenHasExpiredThenItIsRefreshedFirstAndTheNewOneGoesAlong() {
		// Under the client's 60 s clock skew: taken for expired at once, so refreshed before its first use.
		idp.accessTokenSeconds = 30;
		Browser browser;
		try {
			browser = signedIn();
		}
		finally {
			idp.accessTokenSeconds = 300;
		}
		int refreshesBefore = idp.redeemedRefreshTokens.size();
		String signInToken = idp.issuedAccessTokens.get(idp.issuedAccessTokens.size() - 1);

		HttpResponse<String> answer = browser.get("/relay");

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(idp.redeemedRefreshTokens).hasSize(refreshesBefore + 1);
		String refreshed = idp.issuedAccessTokens.get(idp.issuedAccessTokens.size() - 1);
		assertThat(refreshed).isNotEqualTo(signInToken);
		assertThat(idp.otherAppAuthorizations).last().isEqualTo("Bearer " + refreshed);
	}

}
