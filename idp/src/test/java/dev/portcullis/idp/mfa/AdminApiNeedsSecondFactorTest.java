package dev.portcullis.idp.mfa;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

import dev.portcullis.idp.admin.AdminApi;
import dev.portcullis.idp.admin.AdminApiClient;
import dev.portcullis.idp.clients.ClientAdmin;
import dev.portcullis.idp.clients.ClientDraft;
import dev.portcullis.idp.clients.ClientType;
import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import dev.portcullis.idp.support.TokenClient;
import dev.portcullis.idp.users.UserAccountRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API's rule for people ({@code admin.AdminTokenAuthentication}): a token an admin got through an app
 * carries the admin scope only if the sign-in behind it used a second factor (when
 * {@code portcullis.mfa.admins-require-second-factor} is on, as everywhere but the demo profile). Otherwise the
 * console's rule could be walked around by any app that asks for {@code portcullis.admin} in a password-only session.
 * Same configuration as {@link AdminNeedsSecondFactorTest}, so the two share one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "portcullis.mfa.admins-require-second-factor=true")
@ActiveProfiles({ "demo", "test" })
class AdminApiNeedsSecondFactorTest {

	private static final String CALLBACK = "http://127.0.0.1:9999/admin-cli";

	@LocalServerPort
	int port;

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	ClientAdmin clientAdmin;

	private String clientId;

	private String secret;

	@BeforeEach
	void adminCli() {
		this.clientId = "admin-cli-" + System.nanoTime();
		this.secret = this.clientAdmin.register(new ClientDraft(this.clientId, "Admin CLI", ClientType.CONFIDENTIAL,
				List.of(CALLBACK), List.of(), null, List.of("openid", AdminApi.SCOPE), false,
				Set.of("authorization_code")), "test").secret();
	}

	@Test
	void whenAnAdminsTokenComesFromAPasswordOnlySignInThenTheAdminApiRefusesItAndWithASecondFactorItAnswers() {
		SecondFactorJourney ada = SecondFactorJourney.newPerson(this.port, this.accounts, this.passwordEncoder,
				Set.of("USER", "ADMIN"));
		ada.signInWithPassword();

		AdminApiClient passwordOnly = new AdminApiClient(this.port, accessToken(ada));
		AdminApiClient.Response refused = passwordOnly.get("/admin/api/v1/clients");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body()).doesNotContain(this.secret);

		ada.addAuthenticatorApp("phone"); // this sign-in now has its second factor
		AdminApiClient withSecondFactor = new AdminApiClient(this.port, accessToken(ada));
		assertThat(withSecondFactor.get("/admin/api/v1/clients").status()).isEqualTo(200);
		assertThat(passwordOnly.get("/admin/api/v1/clients").status())
			.as("the earlier token stays refused: what counts is the sign-in it was granted in").isEqualTo(403);
	}

	@Test
	void whenAnAdminSignsInElsewhereWithPasswordAndCodeThenThatSignInsTokenIsAccepted() {
		SecondFactorJourney ada = SecondFactorJourney.newPerson(this.port, this.accounts, this.passwordEncoder,
				Set.of("USER", "ADMIN"));
		ada.signInWithPassword();
		Authenticator app = ada.addAuthenticatorApp("phone").app();
		SecondFactorJourney elsewhere = ada.inAnotherBrowser();
		elsewhere.signInWithPassword();
		elsewhere.secondStep(app.nextCode());

		assertThat(new AdminApiClient(this.port, accessToken(elsewhere)).get("/admin/api/v1/clients").status())
			.isEqualTo(200);
	}

	private String accessToken(SecondFactorJourney person) {
		AuthorizationRequest request = AuthorizationRequest.of(this.clientId, CALLBACK, "openid " + AdminApi.SCOPE);
		HttpResponse<String> toTheApp = person.authorize(request);
		assertThat(Browser.location(toTheApp)).startsWith(CALLBACK);
		String code = Browser.redirectQuery(toTheApp).get("code");
		TokenClient.Response tokens = new TokenClient(this.port, this.clientId, this.secret).exchangeCode(request,
				code);
		assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
		return tokens.get("access_token");
	}

}
