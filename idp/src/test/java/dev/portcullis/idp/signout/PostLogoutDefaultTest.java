package dev.portcullis.idp.signout;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.portcullis.idp.admin.AdminApiClient;
import dev.portcullis.idp.admin.AdminConsole;
import dev.portcullis.idp.clients.ClientAdmin;
import dev.portcullis.idp.clients.InitialAccessTokens;
import dev.portcullis.idp.support.IdpTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.portcullis.idp.admin.AdminConsole.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new sign-in app registered without a post-logout redirect URI gets the origin of its first redirect URI, in the
 * console, the admin API and dynamic registration, so that its "Sign out" can bring people back; the snippet the
 * console shows configures the app to send exactly that. Changing an app never brings the default back.
 */
@IdpTest
class PostLogoutDefaultTest {

	@LocalServerPort
	int port;

	@Autowired
	ClientAdmin clientAdmin;

	@Autowired
	InitialAccessTokens initialAccessTokens;

	@Test
	void whenTheConsoleRegistersAnAppWithOnlyANameAndARedirectUriThenItsSiteIsTheReturnAddress() {
		AdminConsole console = AdminConsole.admin(this.port);
		Map<String, String> form = AdminConsole.app("Reports", "", "https://reports.example.com/login/oauth2/code/x");

		HttpResponse<String> page = console.post("/admin/clients", form);

		String clientId = text(page.body(), "client-id");
		assertThat(this.clientAdmin.get(clientId).postLogoutRedirectUris())
			.containsExactly("https://reports.example.com/");
		assertThat(text(page.body(), "snippet")).contains("post-logout-redirect-uri: \"https://reports.example.com/\"");
	}

	@Test
	void whenTheConsoleFormIsShownThenItProposesTheAddressAsTheAdminTypes() {
		String form = AdminConsole.admin(this.port).get("/admin/clients/new").body();

		assertThat(form).contains("id=\"postLogoutRedirectUris\"").contains("/js/client-form.js");
	}

	@Test
	void whenTheApiRegistersAnAppWithoutAReturnAddressThenItGetsTheDefault() {
		AdminApiClient api = AdminApiClient.withNewAutomationApp(this.port, this.clientAdmin);

		AdminApiClient.Response created = api.post("/admin/api/v1/clients", Map.of("name", "API Reports", "type",
				"confidential", "redirectUris", List.of("http://127.0.0.1:7001/cb"), "scopes", List.of("openid"),
				"grantTypes", List.of("authorization_code")));

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("postLogoutRedirectUris")).isEqualTo(List.of("http://127.0.0.1:7001/"));
		assertThat(api.get("/admin/api/v1/openapi.json").body()).contains("the site of its first redirect URI");
	}

	@Test
	void whenAnAppRegistersItselfWithoutAReturnAddressThenItGetsTheDefault() {
		String token = this.initialAccessTokens.issue("test", Duration.ofHours(1), "test").token();

		AdminApiClient.Response registered = new AdminApiClient(this.port, token).post("/connect/register",
				Map.of("client_name", "Self Registered", "redirect_uris", List.of("https://self.example.com/cb")));

		assertThat(registered.status()).isEqualTo(201);
		assertThat(this.clientAdmin.get(registered.get("client_id")).postLogoutRedirectUris())
			.containsExactly("https://self.example.com/");
	}

	@Test
	void whenAnAdminClearsTheReturnAddressLaterThenItStaysCleared() {
		AdminApiClient api = AdminApiClient.withNewAutomationApp(this.port, this.clientAdmin);
		Map<String, Object> app = Map.of("name", "Cleared", "clientId", "cleared-app", "type", "confidential",
				"redirectUris", List.of("http://127.0.0.1:7002/cb"), "scopes", List.of("openid"), "grantTypes",
				List.of("authorization_code"));
		assertThat(api.post("/admin/api/v1/clients", app).status()).isEqualTo(201);

		Map<String, Object> cleared = new java.util.HashMap<>(app);
		cleared.put("postLogoutRedirectUris", List.of());
		assertThat(api.put("/admin/api/v1/clients/cleared-app", cleared).status()).isEqualTo(200);

		assertThat(this.clientAdmin.get("cleared-app").postLogoutRedirectUris()).isEmpty();
	}

}
