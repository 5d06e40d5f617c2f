package dev.portcullis.idp.authserver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletResponse;
import dev.portcullis.idp.support.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Discovery and the JWKS come from memory for the TTL, then from the authorization server again. */
class PublicDocumentCacheTest {

	private final AtomicInteger built = new AtomicInteger();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final PublicDocumentCache cache = new PublicDocumentCache(Duration.ofSeconds(60), this.clock);

	@Test
	void whenTheJwksIsAskedTwiceWithinTheTtlThenTheSecondAnswerComesFromMemoryMarkedCacheable() throws Exception {
		MockHttpServletResponse first = get("/oauth2/jwks");
		MockHttpServletResponse second = get("/oauth2/jwks");

		assertThat(this.built).hasValue(1);
		assertThat(second.getContentAsString()).isEqualTo(first.getContentAsString()).isEqualTo("{\"keys\":[1]}");
		assertThat(second.getContentType()).isEqualTo("application/json");
		assertThat(first.getHeader("Cache-Control")).isEqualTo("public, max-age=60");
		assertThat(second.getHeader("Cache-Control")).isEqualTo("public, max-age=60");
	}

	@Test
	void whenTheTtlHasPassedThenTheDocumentIsBuiltAgain() throws Exception {
		get("/oauth2/jwks");
		this.clock.set(Instant.parse("2026-01-01T00:01:01Z"));

		assertThat(get("/oauth2/jwks").getContentAsString()).isEqualTo("{\"keys\":[2]}");
		assertThat(this.built).hasValue(2);
	}

	@Test
	void whenTheAnswerIsNotAnOkThenNothingIsRemembered() throws Exception {
		get("/.well-known/openid-configuration", HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		get("/.well-known/openid-configuration");

		assertThat(this.built).hasValue(2);
	}

	@Test
	void whenARequestHasAQueryStringOrIsNotAGetThenItAlwaysGoesThrough() throws Exception {
		get("/oauth2/jwks");
		MockHttpServletRequest query = new MockHttpServletRequest("GET", "/oauth2/jwks");
		query.setQueryString("x=1");
		this.cache.doFilter(query, new MockHttpServletResponse(), chain(200));
		this.cache.doFilter(new MockHttpServletRequest("POST", "/oauth2/jwks"), new MockHttpServletResponse(),
				chain(200));

		assertThat(this.built).hasValue(3);
	}

	private MockHttpServletResponse get(String path) throws Exception {
		return get(path, 200);
	}

	private MockHttpServletResponse get(String path, int status) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.cache.doFilter(new MockHttpServletRequest("GET", path), response, chain(status));
		return response;
	}

	private MockFilterChain chain(int status) {
		return new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
			@Override
			protected void service(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response)
					throws java.io.IOException {
				int count = PublicDocumentCacheTest.this.built.incrementAndGet();
				response.setStatus(status);
				response.setContentType("application/json");
				response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
				response.getOutputStream().write(("{\"keys\":[" + count + "]}").getBytes(StandardCharsets.UTF_8));
			}
		});
	}

}
