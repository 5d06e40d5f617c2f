package dev.portcullis.portal;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Outside the demo profile the app has no built-in client secret: without one it does not start, and says why. */
class ClientSecretRequiredTest {

	@Test
	void whenNoClientSecretIsSetOutsideTheDemoProfileThenTheAppDoesNotStartAndNamesTheVariable() {
		SpringApplicationBuilder app = new SpringApplicationBuilder(PortalApplication.class);

		assertThatThrownBy(() -> app.run("--server.port=0", "--logging.level.root=OFF",
				// as when the variable is not set, whatever the environment running the test holds
				"--portcullis.client.client-secret="))
			.rootCause()
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("client 'portal'")
			.hasMessageContaining("portcullis.client.client-secret");
	}

}
