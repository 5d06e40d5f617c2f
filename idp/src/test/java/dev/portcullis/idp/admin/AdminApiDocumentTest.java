package dev.portcullis.idp.admin;

import java.util.Map;

import dev.portcullis.idp.support.IdpTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document of the admin API: public, valid JSON, and describing every operation and only those. */
@IdpTest
class AdminApiDocumentTest {

	@LocalServerPort
	int port;

	@Test
	@SuppressWarnings("unchecked")
	void whenTheOpenApiDocumentIsFetchedThenItDescribesTheAdminApiAndNothingElse() {
		AdminApiClient.Response document = new AdminApiClient(this.port, null).get("/admin/api/v1/openapi.json");

		assertThat(document.status()).isEqualTo(200);
		Map<String, Object> openApi = document.json();
		assertThat((String) openApi.get("openapi")).startsWith("3.");
		Map<String, Object> paths = (Map<String, Object>) openApi.get("paths");
		assertThat(paths).containsKeys("/admin/api/v1/clients", "/admin/api/v1/clients/{clientId}",
				"/admin/api/v1/clients/{clientId}/secret", "/admin/api/v1/clients/{clientId}/disable",
				"/admin/api/v1/clients/{clientId}/enable", "/admin/api/v1/users", "/admin/api/v1/users/{id}",
				"/admin/api/v1/users/{id}/disable", "/admin/api/v1/users/{id}/password",
				"/admin/api/v1/users/{id}/roles/admin", "/admin/api/v1/users/{id}/second-factors",
				"/admin/api/v1/users/{id}/second-factors/{factorId}", "/admin/api/v1/audit-events");
		// A person's passkeys are second factors: one path lists and removes them all.
		assertThat(paths.keySet()).noneMatch((path) -> path.contains("passkeys"));
		assertThat(paths.keySet()).allMatch((path) -> path.startsWith("/admin/api/v1/"));
		assertThat(((Map<String, Object>) paths.get("/admin/api/v1/clients"))).containsKeys("get", "post");
		assertThat(document.body()).contains("\"bearer\"", "portcullis.admin");
	}

	@Test
	@SuppressWarnings("unchecked")
	void whenTheOpenApiDocumentIsFetchedThenItDocumentsAnAppsSecondFactorRequirement() {
		Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) new AdminApiClient(this.port, null)
			.get("/admin/api/v1/openapi.json")
			.json()
			.get("components")).get("schemas");

		for (String schema : new String[] { "ClientRequest", "ClientResource" }) {
			Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) schemas.get(schema))
				.get("properties");
			assertThat((Map<String, Object>) properties.get("secondFactorRequired")).as(schema)
				.containsEntry("type", "boolean")
				.extractingByKey("description")
				.asString()
				.contains("second factor");
		}
	}

}
