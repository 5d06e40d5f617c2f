package dev.portcullis.client.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A Content-Type names one media type (RFC 9110, 8.3); {@code *}/{@code *} or {@code application/*} names none.
 * Spring's {@code HttpHeaders} refuses a wildcard content type with an IllegalArgumentException wherever Spring MVC
 * wraps the request's headers (reading a JSON body, the actuator's health endpoint): a 500. Such a request is
 * answered 415 before anything reads it.
 */
final class WildcardContentTypeFilter extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String contentType = request.getContentType();
		if (contentType == null) {
			return true;
		}
		String mediaType = contentType.split(";", 2)[0].trim();
		return !(mediaType.startsWith("*") || mediaType.endsWith("/*"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.sendError(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
	}

}
