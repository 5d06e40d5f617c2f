package dev.portcullis.client;

import dev.portcullis.client.testapp.TestApp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** There is no built-in client secret: without one (or without an issuer or client id) the app does not start. */
class RequiredSettingsTest {

	@Test
	void whenNoClientSecretIsSetThenTheAppDoesNotStartAndNamesTheSetting() {
		assertThatThrownBy(() -> start("--portcullis.client.issuer=http://127.0.0.1:1",
				"--portcullis.client.client-id=reports"))
			.rootCause()
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("client 'reports'")
			.hasMessageContaining("portcullis.client.client-secret");
	}

	@Test
	void whenNothingIsSetThenTheMessageNamesIssuerAndClientIdToo() {
		assertThatThrownBy(() -> start())
			.rootCause()
			.hasMessageContaining("portcullis.client.issuer")
			.hasMessageContaining("portcullis.client.client-id");
	}

	@Test
	void whenThePublicClientMethodIsChosenThenNoSecretIsNeeded() {
		new SpringApplicationBuilder(TestApp.class)
			.run("--server.port=0", "--logging.level.root=OFF", "--test.other-app-api=http://127.0.0.1:1/",
					"--portcullis.client.issuer=http://127.0.0.1:1", "--portcullis.client.client-id=spa",
					"--portcullis.client.client-authentication-method=none")
			.close();
	}

	private static void start(String... args) {
		String[] all = new String[args.length + 3];
		all[0] = "--server.port=0";
		all[1] = "--logging.level.root=OFF";
		all[2] = "--test.other-app-api=http://127.0.0.1:1/";
		System.arraycopy(args, 0, all, 3, args.length);
		new SpringApplicationBuilder(TestApp.class).run(all).close();
	}

}
