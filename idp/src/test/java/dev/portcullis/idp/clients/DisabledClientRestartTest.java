package dev.portcullis.idp.clients;

import dev.portcullis.idp.support.IdpTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** A declared app that an admin disabled stays disabled when the declarations are applied again at start. */
@IdpTest
class DisabledClientRestartTest {

	@Autowired
	ClientAdmin clientAdmin;

	@Autowired
	DeclaredClients declaredClients;

	@Test
	void whenADisabledDeclaredAppIsDeclaredAgainThenItStaysDisabled() throws Exception {
		this.clientAdmin.setEnabled("other-client", false, "test");
		try {
			this.declaredClients.run(null);

			assertThat(this.clientAdmin.get("other-client").enabled()).isFalse();
		}
		finally {
			this.clientAdmin.setEnabled("other-client", true, "test");
		}
		this.declaredClients.run(null);
		assertThat(this.clientAdmin.get("other-client").enabled()).isTrue();
	}

}
