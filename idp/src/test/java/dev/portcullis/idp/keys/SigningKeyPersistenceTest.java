package dev.portcullis.idp.keys;

import java.nio.file.Files;
import java.nio.file.Path;

import com.nimbusds.jose.jwk.JWKSet;
import dev.portcullis.idp.IdpApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The signing key is made once and kept: a restart must not invalidate every token and session. */
class SigningKeyPersistenceTest {

	@TempDir
	Path dataDir;

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

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(IdpApplication.class).run("--server.port=0",
				"--portcullis.data-dir=" + this.dataDir, "--logging.level.root=WARN",
				"--portcullis.admin.password=unused-" + System.nanoTime());
	}

}
