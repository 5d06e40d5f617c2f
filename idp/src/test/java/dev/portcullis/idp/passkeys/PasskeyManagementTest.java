package dev.portcullis.idp.passkeys;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.portcullis.idp.admin.AdminApiClient;
import dev.portcullis.idp.admin.AdminConsole;
import dev.portcullis.idp.audit.AuditEvent;
import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.clients.ClientAdmin;
import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.IdpTest;
import dev.portcullis.idp.users.UserAccount;
import dev.portcullis.idp.users.UserAccountRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Managing passkeys without a browser: who may remove which (a passkey is removed as a second factor, through the
 * one list of factors), the admin console and API, and what Spring's passkey endpoints answer to bad input. (A
 * person with a passkey must use it to reach their account page: their own removals are in
 * {@link PasskeyBrowserTest}.) Passkeys are put in the database as registration leaves them; their keys are never
 * used here (the browser tests sign with real ones).
 */
@IdpTest
class PasskeyManagementTest {

	private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@LocalServerPort
	int port;

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	PublicKeyCredentialUserEntityRepository userEntities;

	@Autowired
	UserCredentialRepository credentials;

	@Autowired
	Passkeys passkeys;

	@Autowired
	AuditLog auditLog;

	@Autowired
	ClientAdmin clientAdmin;

	private UserAccount owner;

	private String ownersPasskey;

	private UserAccount other;

	@BeforeEach
	void twoPeopleOneWithAPasskey() {
		this.owner = person("owner");
		this.ownersPasskey = passkeyOf(this.owner, "Laptop <b>of</b> Olga");
		this.other = person("other");
	}

	@Test
	void whenAPersonNamesAnotherPersonsPasskeyThenItIsNotRemoved() {
		Browser browser = signedIn(this.other);

		assertThat(browser.get("/account/second-factors/" + this.ownersPasskey + "/remove").statusCode())
			.isEqualTo(404);
		HttpResponse<String> response = post(browser, "/account/second-factors/" + this.ownersPasskey + "/remove");

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(browser.get("/account").body()).contains("That second factor had already been removed.");
		assertThat(this.passkeys.listFor(this.owner.id())).extracting(Passkey::id).containsExactly(this.ownersPasskey);
		assertThat(actionsOn(this.owner)).doesNotContain("mfa.removed");
	}

	@Test
	void whenThePasskeyIdIsMalformedThenThePersonIsToldAndNothingBreaks() {
		Browser browser = signedIn(this.other);
		for (String id : List.of("A", "%21%21", "x".repeat(2000), this.ownersPasskey + "%2F..")) {
			HttpResponse<String> response = post(browser, "/account/second-factors/" + id + "/remove");
			assertThat(response.statusCode()).as(id).isIn(302, 400, 404);
		}
		assertThat(this.passkeys.listFor(this.owner.id())).hasSize(1);
	}

	@Test
	void whenTheOldPasskeyPathsAreCalledThenTheyAreGone() {
		Browser browser = signedIn(this.other);
		assertThat(post(browser, "/account/passkeys/" + this.ownersPasskey + "/remove").statusCode()).isIn(403, 404,
				405);
		AdminConsole console = AdminConsole.admin(this.port);
		assertThat(console.post("/admin/users/" + this.owner.id() + "/passkeys/" + this.ownersPasskey + "/remove")
			.statusCode()).isIn(403, 404, 405);
		AdminApiClient api = AdminApiClient.withNewAutomationApp(this.port, this.clientAdmin);
		assertThat(api.get("/admin/api/v1/users/" + this.owner.id() + "/passkeys").status()).isEqualTo(404);
		assertThat(api.delete("/admin/api/v1/users/" + this.owner.id() + "/passkeys/" + this.ownersPasskey).status())
			.isIn(404, 405);
		assertThat(this.passkeys.listFor(this.owner.id())).hasSize(1);
	}

	@Test
	void whenSpringsOwnRemovalEndpointIsCalledThenItIsClosed() throws Exception {
		Browser browser = signedIn(this.other);
		String csrf = Browser.csrfToken(browser.get("/account").body());

		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(browser.baseUrl()
				+ "/webauthn/register/" + this.ownersPasskey))
			.header("Cookie", browser.cookieHeader())
			.header("X-CSRF-TOKEN", csrf)
			.DELETE()
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(this.passkeys.listFor(this.owner.id())).hasSize(1);
	}

	@Test
	void whenAnAdminRemovesAPasskeyInTheConsoleThenItIsGoneAndAuditedWithTheAdmin() {
		AdminConsole console = AdminConsole.admin(this.port);
		assertThat(console.get("/admin/users/" + this.owner.id()).body()).as("listed once, on the factors page")
			.doesNotContain("Laptop &lt;b&gt;of&lt;/b&gt; Olga");
		String page = console.get("/admin/users/" + this.owner.id() + "/second-factors").body();
		assertThat(page).contains("Laptop &lt;b&gt;of&lt;/b&gt; Olga").contains("Passkey");

		// Under the wrong person the passkey is unknown.
		assertThat(console
			.post("/admin/users/" + this.other.id() + "/second-factors/" + this.ownersPasskey + "/remove")
			.statusCode()).isEqualTo(404);
		assertThat(this.passkeys.listFor(this.owner.id())).hasSize(1);

		HttpResponse<String> removed = console
			.post("/admin/users/" + this.owner.id() + "/second-factors/" + this.ownersPasskey + "/remove");

		assertThat(removed.statusCode()).isEqualTo(302);
		assertThat(this.passkeys.listFor(this.owner.id())).isEmpty();
		String adminId = this.accounts.findByUsername("admin").orElseThrow().id();
		assertThat(this.auditLog.forTarget(this.owner.id(), 10))
			.anySatisfy((event) -> assertThat(event.action() + " by " + event.actor() + ": " + event.details())
				.isEqualTo("mfa.removed by " + adminId + ": Passkey \"Laptop <b>of</b> Olga\" (" + this.ownersPasskey
						+ ")"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void whenTheAdminApiListsAndRemovesPasskeysThenItShowsNamesAndDatesNeverKeys() {
		AdminApiClient api = AdminApiClient.withNewAutomationApp(this.port, this.clientAdmin);
		String path = "/admin/api/v1/users/" + this.owner.id() + "/second-factors";

		AdminApiClient.Response list = api.get(path);

		assertThat(list.status()).isEqualTo(200);
		List<Object> factors = (List<Object>) list.json().get("factors");
		assertThat(factors).hasSize(1);
		Map<String, Object> passkey = (Map<String, Object>) factors.get(0);
		assertThat(passkey.keySet()).containsExactlyInAnyOrder("id", "kind", "name", "createdAt", "lastUsedAt");
		assertThat(passkey).containsEntry("id", this.ownersPasskey)
			.containsEntry("kind", "passkey")
			.containsEntry("name", "Laptop <b>of</b> Olga");
		assertThat(api.get("/admin/api/v1/users/no-such-user/second-factors").status()).isEqualTo(404);
		assertThat(api.delete("/admin/api/v1/users/" + this.other.id() + "/second-factors/" + this.ownersPasskey)
			.status()).isEqualTo(404);
		assertThat(api.delete(path + "/A").status()).isEqualTo(404);
		assertThat(this.passkeys.listFor(this.owner.id())).hasSize(1);

		assertThat(api.delete(path + "/" + this.ownersPasskey).status()).isEqualTo(204);

		assertThat(this.passkeys.listFor(this.owner.id())).isEmpty();
		assertThat(actionsOn(this.owner)).contains("mfa.removed");
	}

	@Test
	void whenAnyoneAsksForSignInOptionsThenUserVerificationIsRequiredAndNoPasskeyIsNamed() throws Exception {
		Browser visitor = new Browser(this.port);
		String csrf = Browser.csrfToken(visitor.get("/login").body());

		HttpResponse<String> options = postJson(visitor, csrf, "/webauthn/authenticate/options", "");

		assertThat(options.statusCode()).isEqualTo(200);
		assertThat(options.body()).contains("\"rpId\":\"localhost\"").contains("\"userVerification\":\"required\"")
			.doesNotContain(this.ownersPasskey);
	}

	@Test
	void whenTheSignInAssertionIsGarbageThenItIs401AndAudited() throws Exception {
		Browser visitor = new Browser(this.port);
		String csrf = Browser.csrfToken(visitor.get("/login").body());

		for (String body : List.of("not json", "{}", "{\"id\":\"" + this.ownersPasskey + "\",\"rawId\":\""
				+ this.ownersPasskey + "\",\"response\":{\"authenticatorData\":\"AAAA\",\"clientDataJSON\":\"AAAA\","
				+ "\"signature\":\"AAAA\"},\"credType\":\"public-key\",\"clientExtensionResults\":{}}")) {
			postJson(visitor, csrf, "/webauthn/authenticate/options", "");
			HttpResponse<String> response = postJson(visitor, csrf, "/login/webauthn", body);
			assertThat(response.statusCode()).as(body).isEqualTo(401);
		}
		assertThat(visitor.get("/account").statusCode()).isEqualTo(302);
		// The last one named the owner's passkey: its refusal is on the owner's record.
		assertThat(this.auditLog.forTarget(this.owner.id(), 10)).anySatisfy((event) -> {
			assertThat(event.action()).isEqualTo("mfa.failed");
			assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
		});
	}

	@Test
	void whenARegistrationIsGarbageOrBadlyNamedThenItIs400WithASentence() throws Exception {
		Browser browser = signedIn(this.other);
		String csrf = Browser.csrfToken(browser.get("/account").body());
		String credential = "{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"response\":{\"attestationObject\":\"AAAA\","
				+ "\"clientDataJSON\":\"AAAA\",\"transports\":[]},\"type\":\"public-key\",\"clientExtensionResults\":{}}";

		assertThat(postJson(browser, csrf, "/webauthn/register/options", "").statusCode()).isEqualTo(200);
		HttpResponse<String> longName = postJson(browser, csrf, "/webauthn/register",
				"{\"publicKey\":{\"credential\":" + credential + ",\"label\":\"" + "n".repeat(101) + "\"}}");
		assertThat(longName.statusCode()).isEqualTo(400);
		assertThat(longName.body()).contains("at most 100 characters");

		assertThat(postJson(browser, csrf, "/webauthn/register/options", "").statusCode()).isEqualTo(200);
		HttpResponse<String> forged = postJson(browser, csrf, "/webauthn/register",
				"{\"publicKey\":{\"credential\":" + credential + ",\"label\":\"Forged\"}}");
		assertThat(forged.statusCode()).isEqualTo(400);
		assertThat(forged.body()).contains("could not be added");

		assertThat(postJson(browser, csrf, "/webauthn/register", "not json").statusCode()).isEqualTo(400);
		assertThat(this.passkeys.listFor(this.other.id())).isEmpty();
	}

	private UserAccount person(String prefix) {
		return this.accounts.create(prefix + "-" + System.nanoTime(), null, "Olga Owner",
				this.passwordEncoder.encode("their-password"), Set.of(UserAccount.ROLE_USER));
	}

	/** A passkey as Spring's registration stores it (the key itself is never checked in these tests). */
	private String passkeyOf(UserAccount account, String name) {
		PublicKeyCredentialUserEntity entity = ImmutablePublicKeyCredentialUserEntity.builder()
			.id(Bytes.random())
			.name(account.id())
			.displayName(account.displayName())
			.build();
		this.userEntities.save(entity);
		Bytes credentialId = Bytes.random();
		this.credentials.save(ImmutableCredentialRecord.builder()
			.credentialId(credentialId)
			.userEntityUserId(entity.getId())
			.publicKey(new ImmutablePublicKeyCose(new byte[] { 1, 2, 3 }))
			.signatureCount(0)
			.uvInitialized(true)
			.backupEligible(false)
			.backupState(false)
			.transports(Set.of(AuthenticatorTransport.INTERNAL))
			.credentialType(PublicKeyCredentialType.PUBLIC_KEY)
			.label(name)
			.build());
		return credentialId.toBase64UrlString();
	}

	private Browser signedIn(UserAccount account) {
		Browser browser = new Browser(this.port);
		browser.signIn(account.username(), "their-password");
		return browser;
	}

	private static HttpResponse<String> post(Browser browser, String path) {
		String csrf = Browser.csrfToken(browser.get("/account").body());
		return browser.post(path, Map.of("_csrf", csrf));
	}

	private static HttpResponse<String> postJson(Browser browser, String csrf, String path, String json)
			throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create(browser.baseUrl() + path))
			.header("Cookie", browser.cookieHeader())
			.header("X-CSRF-TOKEN", csrf)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private List<String> actionsOn(UserAccount account) {
		return this.auditLog.forTarget(account.id(), 20).stream().map(AuditEvent::action).toList();
	}

}
