package dev.portcullis.idp.authserver;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Discovery and the JWKS are public documents that change only with the configuration or when a signing key is
 * published (a day before it signs). Apps and proxies fetch them all the time, so they are answered from memory,
 * ahead of sessions and security, for {@code ttl} after the authorization server last built them, and marked
 * cacheable for clients for as long. A request with a query string goes through as usual.
 */
final class PublicDocumentCache extends OncePerRequestFilter {

	static final Set<String> PATHS = Set.of("/.well-known/openid-configuration",
			"/.well-known/oauth-authorization-server", "/oauth2/jwks");

	private final Duration ttl;

	private final Clock clock;

	private final String cacheControl;

	private final ConcurrentMap<String, Document> documents = new ConcurrentHashMap<>();

	PublicDocumentCache(Duration ttl, Clock clock) {
		this.ttl = ttl;
		this.clock = clock;
		this.cacheControl = "public, max-age=" + ttl.toSeconds();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"GET".equals(request.getMethod()) || request.getQueryString() != null
				|| !PATHS.contains(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI();
		Document document = this.documents.get(path);
		if (document != null && document.fetchedAt().plus(this.ttl).isAfter(this.clock.instant())) {
			response.setContentType(document.contentType());
			response.setHeader(HttpHeaders.CACHE_CONTROL, this.cacheControl);
			response.setHeader("X-Content-Type-Options", "nosniff");
			response.setContentLength(document.body().length);
			response.getOutputStream().write(document.body());
			return;
		}
		ContentCachingResponseWrapper recording = new ContentCachingResponseWrapper(response);
		chain.doFilter(request, recording);
		if (recording.getStatus() == HttpServletResponse.SC_OK && recording.getContentType() != null) {
			this.documents.put(path,
					new Document(recording.getContentAsByteArray(), recording.getContentType(), this.clock.instant()));
			recording.setHeader(HttpHeaders.CACHE_CONTROL, this.cacheControl);
			recording.setHeader(HttpHeaders.PRAGMA, null);
			recording.setHeader(HttpHeaders.EXPIRES, null);
		}
		recording.copyBodyToResponse();
	}

	private record Document(byte[] body, String contentType, Instant fetchedAt) {
	}

}
