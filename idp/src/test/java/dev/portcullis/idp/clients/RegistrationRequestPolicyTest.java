package dev.portcullis.idp.clients;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.oidc.OidcClientRegistration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** What dynamic registration refuses whatever the configuration says. */
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
				.satisfies((ex) -> assertThat(ex.getError().getDescription()).contains(scope));
		}
	}

	@Test
	void whenAPostLogoutRedirectUriIsOnAnotherOriginThenTheRegistrationIsRefused() {
		RegistrationRequestPolicy policy = new RegistrationRequestPolicy(Set.of("openid"));
		OidcClientRegistration request = OidcClientRegistration.builder()
			.clientName("Redirector")
			.redirectUri("https://app.example/callback")
			.postLogoutRedirectUri("https://phishing.example/")
			.scope("openid")
			.build();

		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> policy.toDraft(request))
			.satisfies((ex) -> assertThat(ex.getError().getDescription()).contains("same origin"));
	}

	@Test
	void whenThePostLogoutRedirectUriIsOnTheAppsOriginThenItIsAccepted() {
		RegistrationRequestPolicy policy = new RegistrationRequestPolicy(Set.of("openid"));
		OidcClientRegistration request = OidcClientRegistration.builder()
			.clientName("Fine")
			.redirectUri("https://app.example/callback")
			.postLogoutRedirectUri("https://app.example/signed-out")
			.scope("openid")
			.build();

		assertThat(policy.toDraft(request).postLogoutRedirectUris()).containsExactly("https://app.example/signed-out");
	}

}
