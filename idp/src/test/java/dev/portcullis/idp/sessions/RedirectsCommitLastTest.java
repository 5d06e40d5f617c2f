package dev.portcullis.idp.sessions;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The redirect a request answers with is the one Tomcat would have sent (status, absolute {@code Location}), but
 * the response under the filter stays uncommitted until the request ends; the application sees it committed.
 */
class RedirectsCommitLastTest {

	@Test
	void whenARequestRedirectsThenTheLocationIsAbsoluteAndTheServersResponseIsNotCommitted() throws Exception {
		assertRedirect("/login?error", "https://idp.example:8443/login?error");
		assertRedirect("consent?client_id=a", "https://idp.example:8443/oauth2/consent?client_id=a");
		assertRedirect("http://127.0.0.1:9999/callback?code=x&state=y", "http://127.0.0.1:9999/callback?code=x&state=y");
	}

	@Test
	void whenARequestRedirectsTwiceThenTheSecondIsRefusedAsOnACommittedResponse() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		AtomicReference<HttpServletResponse> seen = new AtomicReference<>();
		new RedirectsCommitLast().doFilter(request(), response, (req, res) -> {
			HttpServletResponse app = (HttpServletResponse) res;
			app.sendRedirect("/login");
			seen.set(app);
		});

		assertThat(seen.get().isCommitted()).isTrue();
		assertThatIllegalStateException().isThrownBy(() -> seen.get().sendRedirect("/elsewhere"));
		assertThat(response.getHeader("Location")).isEqualTo("https://idp.example:8443/login");
	}

	@Test
	void whenALocationIsNotAUriThenTomcatsOwnRedirectAnswers() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		new RedirectsCommitLast().doFilter(request(), response,
				(req, res) -> ((HttpServletResponse) res).sendRedirect("/a path with spaces"));

		assertThat(response.getRedirectedUrl()).isEqualTo("/a path with spaces");
		assertThat(response.isCommitted()).isTrue();
	}

	@Test
	void whenARequestNamesNoSessionThenItsRedirectIsTomcatsOwn() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth2/authorize");
		MockHttpServletResponse response = new MockHttpServletResponse();
		new RedirectsCommitLast().doFilter(request, response,
				(req, res) -> ((HttpServletResponse) res).sendRedirect("/login"));

		assertThat(response.getRedirectedUrl()).isEqualTo("/login");
		assertThat(response.isCommitted()).isTrue();
	}

	private static void assertRedirect(String location, String expected) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		new RedirectsCommitLast().doFilter(request(), response,
				(req, res) -> ((HttpServletResponse) res).sendRedirect(location));

		assertThat(response.getStatus()).isEqualTo(302);
		assertThat(response.getHeader("Location")).isEqualTo(expected);
		assertThat(response.isCommitted()).as("committed by the server only when the request ends").isFalse();
	}

	private static MockHttpServletRequest request() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth2/authorize");
		request.setScheme("https");
		request.setServerName("idp.example");
		request.setServerPort(8443);
		request.addHeader("Cookie", "IDP_SESSION=c2Vzc2lvbg");
		return request;
	}

}
