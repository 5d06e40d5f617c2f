package dev.portcullis.idp.bootstrap;

import java.net.http.HttpResponse;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.users.UserAccountRepository;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every other IdP test runs with the {@code demo} profile. Without it, as in production: the IdP starts, creates
 * the first admin from configuration ({@code portcullis.admin.*}), has no demo
 * users and no demo apps, and serves discovery.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		// outside demo, declared secrets need 32 characters and the admin's password must pass the policy
		StartWithoutDemoTest.CLIENTS + "test-client.registration.client-secret=" + StartWithoutDemoTest.LONG_SECRET,
		StartWithoutDemoTest.CLIENTS + "other-client.registration.client-secret=" + StartWithoutDemoTest.LONG_SECRET,
		StartWithoutDemoTest.CLIENTS + "logout-client.registration.client-secret=" + StartWithoutDemoTest.LONG_SECRET,
		StartWithoutDemoTest.CLIENTS + "consent-client.registration.client-secret=" + StartWithoutDemoTest.LONG_SECRET,
		StartWithoutDemoTest.CLIENTS + "mfa-client.registration.client-secret=" + StartWithoutDemoTest.LONG_SECRET,
		"portcullis.admin.password=" + StartWithoutDemoTest.ADMIN_PASSWORD })
@ActiveProfiles("test")
class StartWithoutDemoTest {

	static final String CLIENTS = "spring.security.oauth2.authorizationserver.client.";

	static final String LONG_SECRET = "a-declared-secret-of-forty-characters-xx";

	static final String ADMIN_PASSWORD = "Vq3-pLm8-rT2z-W9kx-Hs4n";

	@LocalServerPort
	int port;

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository clients;

	@Test
	void whenTheDemoProfileIsOffThenTheIdpStartsWithTheConfiguredAdminAndServesDiscovery() {
		Browser browser = new Browser(this.port);

		HttpResponse<String> discovery = browser.get("/.well-known/openid-configuration");
		assertThat(discovery.statusCode()).isEqualTo(200);
		assertThat(discovery.body()).contains("\"issuer\":\"http://localhost:9000\"");

		assertThat(this.accounts.findByUsername("admin")).hasValueSatisfying((admin) -> assertThat(admin.isAdmin())
			.isTrue());
		assertThat(this.accounts.findByUsername("alice")).as("no demo users").isEmpty();
		assertThat(Browser.location(browser.signIn("admin", ADMIN_PASSWORD))).doesNotContain("error");
		assertThat(this.clients.findByClientId("portal")).as("no demo apps").isNull();
		// Outside demo an admin needs a second factor for the console (mfa.AdminNeedsSecondFactorTest).
		assertThat(Browser.location(browser.get("/admin/clients"))).contains("/login/second-factor");
	}

}
