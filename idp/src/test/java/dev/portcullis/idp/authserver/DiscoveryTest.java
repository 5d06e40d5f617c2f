package dev.portcullis.idp.authserver;

import java.util.List;
import java.util.Map;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.IdpTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** OpenID Connect Discovery 1.0: what a client library reads before anything else. */
@IdpTest
class DiscoveryTest {

	@LocalServerPort
	int port;

	@Test
	@SuppressWarnings("unchecked")
	void whenClientReadsDiscoveryThenItFindsEveryEndpointUnderTheConfiguredIssuer() {
		var response = new Browser(this.port).get("/.well-known/openid-configuration");
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> metadata = JsonMapper.builder().build().readValue(response.body(), Map.class);

		String issuer = "http://localhost:9000";
		assertThat(metadata).containsEntry("issuer", issuer)
			.containsEntry("authorization_endpoint", issuer + "/oauth2/authorize")
			.containsEntry("token_endpoint", issuer + "/oauth2/token")
			.containsEntry("jwks_uri", issuer + "/oauth2/jwks")
			.containsEntry("userinfo_endpoint", issuer + "/userinfo")
			.containsEntry("end_session_endpoint", issuer + "/connect/logout")
			.containsEntry("revocation_endpoint", issuer + "/oauth2/revoke")
			.containsEntry("introspection_endpoint", issuer + "/oauth2/introspect");
		assertThat((List<String>) metadata.get("response_types_supported")).containsExactly("code");
		assertThat((List<String>) metadata.get("code_challenge_methods_supported")).containsExactly("S256");
		assertThat((List<String>) metadata.get("id_token_signing_alg_values_supported")).contains("RS256");
		assertThat((List<String>) metadata.get("subject_types_supported")).contains("public");
		assertThat((List<String>) metadata.get("scopes_supported")).contains("openid", "profile", "email");
		assertThat(metadata).containsEntry("backchannel_logout_supported", true)
			.containsEntry("backchannel_logout_session_supported", true);
	}

	@Test
	@SuppressWarnings("unchecked")
	void whenClientReadsJwksThenItGetsPublicRsaKeysWithKeyIdsMarkedCacheable() {
		var response = new Browser(this.port).get("/oauth2/jwks");
		assertThat(response.statusCode()).isEqualTo(200);
		// Public and cacheable; the second answer comes from memory and is the same.
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
		assertThat(new Browser(this.port).get("/oauth2/jwks").body()).isEqualTo(response.body());
		Map<String, Object> jwks = JsonMapper.builder().build().readValue(response.body(), Map.class);
		List<Map<String, Object>> keys = (List<Map<String, Object>>) jwks.get("keys");
		assertThat(keys).isNotEmpty().allSatisfy((key) -> {
			assertThat(key).containsEntry("kty", "RSA").containsEntry("use", "sig").containsKey("kid");
			// never the private parts
			assertThat(key).doesNotContainKeys("d", "p", "q", "dp", "dq", "qi");
		});
	}

}
