package dev.portcullis.idp.monitoring;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a correlation id: the {@code X-Request-Id} the proxy sent (nginx's {@code $request_id} in
 * deploy/nginx.conf), or a new one. It is in the logging context ({@code correlationId}: a field of the JSON logs,
 * and in brackets on plain log lines) for everything logged while the request runs, audit lines included, and is
 * sent back as {@code X-Request-Id} so a person can quote it. A received id is used only when it is short and
 * plain (letters, digits, {@code . _ -}), so nobody can write into the logs through it.
 */
final class CorrelationIdFilter extends OncePerRequestFilter {

	static final String HEADER = "X-Request-Id";

	static final String MDC_KEY = "correlationId";

	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{8,64}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String received = request.getHeader(HEADER);
		String id = (received != null && WELL_FORMED.matcher(received).matches()) ? received
				: newId();
		MDC.put(MDC_KEY, id);
		response.setHeader(HEADER, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(MDC_KEY);
		}
	}

	/**
	 * A random (version 4) UUID from the thread's own generator: an id that names a request in the logs is not a
	 * secret, and {@link UUID#randomUUID()} draws from the shared {@code SecureRandom}, which was half of this
	 * filter's cost (about 1% of an introspection's CPU, on every request).
	 */
	static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & ~(0b11L << 62)) | (0b10L << 62);
		return new UUID(high, low).toString();
	}

}
