package dev.portcullis.idp.clients;

import java.util.List;
import java.util.Set;

import dev.portcullis.idp.admin.FieldErrors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every rule of a registered app, as a unit, independent of console, API and dynamic registration. */
class ClientRulesTest {

	private static ClientDraft valid() {
		return new ClientDraft("reports", "Reports", ClientType.CONFIDENTIAL,
				List.of("https://reports.example.com/cb"), List.of("https://reports.example.com/bye"), null,
				List.of("openid", "profile"), false, Set.of("authorization_code", "refresh_token"));
	}

	private static ClientDraft with(String clientId, String name, ClientType type, List<String> redirectUris,
			List<String> scopes, Set<String> grants) {
		return new ClientDraft(clientId, name, type, redirectUris, List.of(), null, scopes, false, grants);
	}

	@Test
	void whenEverythingIsRightThenThereIsNoError() {
		assertThat(ClientRules.check(valid()).isEmpty()).isTrue();
	}

	@Test
	void whenNameIsMissingOrTooLongOrHasControlCharactersThenNameIsRejected() {
		for (String name : new String[] { null, "", "   ", "x".repeat(201), "line\nbreak" }) {
			FieldErrors errors = ClientRules.check(with("a", name, ClientType.CONFIDENTIAL,
					List.of("https://a.example/cb"), List.of(), Set.of("authorization_code")));
			assertThat(errors.asMap()).as(String.valueOf(name)).containsOnlyKeys("name");
		}
	}

	@Test
	void whenClientIdHasOtherThanUrlSafeCharactersThenItIsRejected() {
		for (String clientId : new String[] { "with space", "colon:id", "-leading", "a".repeat(101), "é" }) {
			FieldErrors errors = ClientRules.check(with(clientId, "App", ClientType.CONFIDENTIAL,
					List.of("https://a.example/cb"), List.of(), Set.of("authorization_code")));
			assertThat(errors.asMap()).as(clientId).containsOnlyKeys("clientId");
		}
	}

	@Test
	void whenTypeIsMissingThenItIsRejected() {
		assertThat(ClientRules.check(with("a", "App", null, List.of("https://a.example/cb"), List.of(),
				Set.of("authorization_code"))).asMap()).containsKey("type");
	}

	@Test
	void whenGrantTypesAreMissingUnknownOrInconsistentThenTheyAreRejected() {
		List<String> uris = List.of("https://a.example/cb");
		assertThat(ClientRules.check(with("a", "App", ClientType.CONFIDENTIAL, uris, List.of(), Set.of())).asMap())
			.containsKey("grantTypes");
		assertThat(ClientRules.check(with("a", "App", ClientType.CONFIDENTIAL, uris, List.of(), Set.of("implicit")))
			.asMap()).containsEntry("grantTypes",
					"Unsupported grant type 'implicit': use authorization_code, refresh_token or client_credentials");
		assertThat(ClientRules
			.check(with("a", "App", ClientType.CONFIDENTIAL, uris, List.of(), Set.of("password"))).asMap())
			.containsKey("grantTypes");
		assertThat(ClientRules
			.check(with("a", "App", ClientType.CONFIDENTIAL, uris, List.of(), Set.of("refresh_token"))).asMap())
			.containsKey("grantTypes");
		assertThat(ClientRules
			.check(with("a", "App", ClientType.PUBLIC, uris, List.of(), Set.of("client_credentials"))).asMap())
			.containsKey("grantTypes");
		assertThat(ClientRules
			.check(with("a", "App", ClientType.PUBLIC, uris, List.of(),
					Set.of("authorization_code", "refresh_token")))
			.asMap()).containsKey("grantTypes");
	}

	@Test
	void whenTheCodeGrantHasNoRedirectUriThenItIsRejectedButClientCredentialsNeedsNone() {
		assertThat(ClientRules.check(with("a", "App", ClientType.CONFIDENTIAL, List.of(), List.of(),
				Set.of("authorization_code"))).asMap()).containsKey("redirectUris");
		assertThat(ClientRules.check(with("a", "App", ClientType.CONFIDENTIAL, List.of(), List.of("jobs.run"),
				Set.of("client_credentials"))).isEmpty()).isTrue();
	}

	@Test
	void whenAnyUriBreaksTheRedirectUriRuleThenItsFieldIsRejected() {
		ClientDraft draft = new ClientDraft("a", "App", ClientType.CONFIDENTIAL, List.of("https://a.example/cb"),
				List.of("http://a.example/bye"), "https://a.example/logout#x", List.of(), false,
				Set.of("authorization_code"));
		assertThat(ClientRules.check(draft).asMap()).containsOnlyKeys("postLogoutRedirectUris",
				"backchannelLogoutUri");
	}

	@Test
	void whenAScopeIsNotAScopeTokenThenScopesAreRejected() {
		for (String scope : new String[] { "with\"quote", "back\\slash", "x".repeat(101) }) {
			assertThat(ClientRules.check(with("a", "App", ClientType.CONFIDENTIAL, List.of("https://a.example/cb"),
					List.of(scope), Set.of("authorization_code"))).asMap()).as(scope).containsOnlyKeys("scopes");
		}
	}

	@Test
	void whenAScopeHoldsACommaThenScopesAreRejected() {
		assertThat(ClientRules.check(with("a", "App", ClientType.CONFIDENTIAL, List.of("https://a.example/cb"),
				List.of("openid,portcullis.admin"), Set.of("authorization_code"))).asMap().get("scopes"))
			.contains("must not contain a comma");
	}

	@Test
	void whenTheJoinedScopesOverflowTheirColumnThenScopesAreRejected() {
		List<String> tenOfHundred = java.util.stream.IntStream.range(0, 10)
			.mapToObj((i) -> i + "x".repeat(99))
			.toList(); // 10 x 100 + 9 commas = 1,009
		assertThat(ClientRules.check(with("a", "App", ClientType.CONFIDENTIAL, List.of("https://a.example/cb"),
				tenOfHundred, Set.of("authorization_code"))).asMap().get("scopes"))
			.isEqualTo("Together the scopes may hold at most 1,000 characters, counting a comma between each two; "
					+ "these hold 1,009");
	}

	@Test
	void whenListsHaveBlanksAndDuplicatesThenTheyAreDropped() {
		ClientDraft draft = new ClientDraft(" reports ", " Reports ", ClientType.CONFIDENTIAL,
				java.util.Arrays.asList("https://a.example/cb", " ", "https://a.example/cb", null), null, "  ",
				List.of("openid", "openid"), false, Set.of("authorization_code"));
		assertThat(draft.redirectUris()).containsExactly("https://a.example/cb");
		assertThat(draft.scopes()).containsExactly("openid");
		assertThat(draft.clientId()).isEqualTo("reports");
		assertThat(draft.backchannelLogoutUri()).isNull();
		assertThat(ClientRules.check(draft).isEmpty()).isTrue();
	}

}
