package dev.portcullis.idp.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scaled-out deployment: the client address the IdP throttles by must not be the client's to choose. Tomcat's
 * default trusts X-Forwarded-For from any private or loopback hop, and nginx's $proxy_add_x_forwarded_for keeps
 * whatever the client sent; so the IdP trusts nginx only, and nginx replaces the header.
 */
class DeploymentTrustsOnlyTheProxyTest {

	private static final Path ROOT = Path.of("..");

	@Test
	void whenTheIdpRunsBehindNginxThenOnlyNginxIsTrustedAndItSendsThePeerAddress() throws IOException {
		String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
		String nginx = Files.readString(ROOT.resolve("deploy/nginx.conf"));

		assertThat(compose).contains("SERVER_FORWARD_HEADERS_STRATEGY: native")
			.contains("SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES: '127\\.0\\.0\\.1'");
		assertThat(nginx).contains("proxy_set_header X-Forwarded-For $remote_addr;")
			.doesNotContain("$proxy_add_x_forwarded_for;");
	}

}
