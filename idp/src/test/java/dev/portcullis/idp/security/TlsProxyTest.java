package dev.portcullis.idp.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dev.portcullis.idp.support.IdpTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a proxy that ends TLS, the IdP sees plain HTTP: only the proxy's {@code X-Forwarded-Proto: https} tells it
 * the browser used https. From a trusted proxy (loopback by default) that makes the session cookie {@code Secure}
 * and adds {@code Strict-Transport-Security}; from any other address the header changes nothing.
 */
class TlsProxyTest {

	static HttpResponse<String> signInPage(int port, String forwardedProto) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"));
		if (forwardedProto != null) {
			request.header("X-Forwarded-Proto", forwardedProto);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static String sessionCookie(HttpResponse<String> response) {
		List<String> cookies = response.headers().allValues("Set-Cookie");
		return cookies.stream().filter((cookie) -> cookie.startsWith("IDP_SESSION=")).findFirst().orElseThrow();
	}

	@Nested
	@IdpTest
	class FromTheTrustedProxy {

		@LocalServerPort
		int port;

		@Test
		void whenTheProxySaysHttpsThenTheSessionCookieIsSecureAndHstsIsSent() throws Exception {
			HttpResponse<String> response = signInPage(this.port, "https");

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(sessionCookie(response)).containsIgnoringCase("; Secure").containsIgnoringCase("HttpOnly");
			assertThat(response.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
					(hsts) -> assertThat(hsts).startsWith("max-age=31536000").contains("includeSubDomains"));
		}

		@Test
		void whenTheProxySaysHttpThenNeitherIsClaimed() throws Exception {
			HttpResponse<String> response = signInPage(this.port, "http");

			assertThat(sessionCookie(response)).doesNotContainIgnoringCase("secure");
			assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			// the proxy is elsewhere (a documentation address): this test's requests from 127.0.0.1 are not its
			properties = "server.tomcat.remoteip.internal-proxies=192\\.0\\.2\\.250")
	@ActiveProfiles({ "demo", "test" })
	class FromAnyoneElse {

		@LocalServerPort
		int port;

		@Test
		void whenAClientThatIsNotTheProxySaysHttpsThenNothingChanges() throws Exception {
			HttpResponse<String> response = signInPage(this.port, "https");

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(sessionCookie(response)).doesNotContainIgnoringCase("secure");
			assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
		}

	}

}
