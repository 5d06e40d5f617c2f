package dev.portcullis.idp.clients;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.oidc.OidcClientRegistration;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Dynamic registration never hands out administration or registration scopes, whatever is configured. */
class RegistrationRequestPolicyTest {

	@Test
	void whenTheConfigurationWronglyAllowsTheAdminScopeThenASelfRegisteredAppStillCannotHaveIt() {
		RegistrationRequestPolicy policy = new RegistrationRequestPolicy(
				Set.of("openid", "portcullis.admin", "client.create"));

		for (String scope : Set.of("portcullis.admin", "client.create")) {
			OidcClientRegistration request = OidcClientRegistration.builder()
				.clientName("Sneaky")
				.redirectUri("https://sneaky.example/callback")
				.scope("openid")
				.scope(scope)
				.build();

			assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> policy.toDraft(request))
				.satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(ex.getError().getDescription())
					.contains(scope));
		}
	}

}
