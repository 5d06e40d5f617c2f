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
 * the first admin from configuration ({@code portcullis.admin.*}, here from application-test.yml), has no demo
 * users and no demo apps, and serves discovery.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class StartWithoutDemoTest {

	@LocalServerPort
	int port;

	@Autowired
	UserAccountRepository accounts;

	@Test
	void whenTheDemoProfileIsOffThenTheIdpStartsWithTheConfiguredAdminAndServesDiscovery() {
		Browser browser = new Browser(this.port);

		HttpResponse<String> discovery = browser.get("/.well-known/openid-configuration");
		assertThat(discovery.statusCode()).isEqualTo(200);
		assertThat(discovery.body()).contains("\"issuer\":\"http://localhost:9000\"");

		assertThat(this.accounts.findByUsername("admin")).hasValueSatisfying((admin) -> assertThat(admin.isAdmin())
			.isTrue());
		assertThat(this.accounts.findByUsername("alice")).as("no demo users").isEmpty();
		assertThat(Browser.location(browser.signIn("admin", "test-admin-password"))).doesNotContain("error");
		assertThat(browser.get("/admin/clients").body()).as("no demo apps").doesNotContain(">portal<")
			.doesNotContain(">dashboard<");
	}

}
