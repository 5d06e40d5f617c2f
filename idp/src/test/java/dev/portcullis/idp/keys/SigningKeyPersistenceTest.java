package dev.portcullis.idp.keys;

import java.nio.file.Files;
import java.nio.file.Path;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.nimbusds.jose.jwk.JWKSet;
import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.IdpApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The signing key and sessions are kept: a restart must not invalidate every token and sign everyone out. */
class SigningKeyPersistenceTest {

	@TempDir
	Path dataDir;

	private final String adminPassword = "admin-" + System.nanoTime();

	@Test
	void whenTheIdpRestartsOnTheSameDatabaseThenItSignsWithTheSameKey() throws Exception {
		String firstKid;
		String firstPublished;
		try (ConfigurableApplicationContext first = start()) {
			SigningKeys keys = first.getBean(SigningKeys.class);
			firstKid = keys.signing().getKeys().get(0).getKeyID();
			firstPublished = keys.published().toString();
		}
		assertThat(Files.list(this.dataDir)).isNotEmpty();

		try (ConfigurableApplicationContext second = start()) {
			SigningKeys keys = second.getBean(SigningKeys.class);
			assertThat(keys.signing().getKeys().get(0).getKeyID()).isEqualTo(firstKid);
			assertThat(keys.published().toString()).isEqualTo(firstPublished);
			assertThat(keys.signing().getKeys().get(0).isPrivate()).isTrue();
			assertThat(JWKSet.parse(keys.published().toString()).getKeys()).noneMatch((key) -> key.isPrivate());
		}
	}

	@Test
	void whenTheIdpRestartsThenSomeoneSignedInIsStillSignedIn() throws Exception {
		String sessionCookie;
		try (ConfigurableApplicationContext first = start()) {
			Browser browser = new Browser(port(first));
			var signedIn = browser.signIn("admin", this.adminPassword);
			assertThat(Browser.location(signedIn)).doesNotContain("error");
			sessionCookie = signedIn.headers()
				.allValues("Set-Cookie")
				.stream()
				.filter((cookie) -> cookie.startsWith("IDP_SESSION="))
				.map((cookie) -> cookie.substring(0, cookie.indexOf(';')))
				.findFirst()
				.orElseThrow();
		}

		try (ConfigurableApplicationContext second = start()) {
			var account = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port(second) + "/account"))
					.header("Cookie", sessionCookie)
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(account.statusCode()).isEqualTo(200);
			assertThat(account.body()).contains("Your account");
		}
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(IdpApplication.class).run("--server.port=0",
				"--portcullis.data-dir=" + this.dataDir, "--logging.level.root=WARN",
				"--portcullis.admin.password=" + this.adminPassword);
	}

}
