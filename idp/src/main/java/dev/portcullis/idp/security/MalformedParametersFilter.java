package dev.portcullis.idp.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A query or form body with broken percent escapes or invalid UTF-8 makes Tomcat throw from the first
 * {@code getParameter} call, wherever that happens to be (a filter, the locale resolver, an error handler): the
 * answer was a 400 but each such request logged an ERROR with a stack trace, which anyone could flood. Parameters
 * are parsed here first, once (they are parsed anyway), and a request whose parameters cannot be read is answered 400
 * with one line at debug level.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class MalformedParametersFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			request.getParameterMap();
		}
		catch (IllegalStateException ex) { // Tomcat's InvalidParameterException
			if (logger.isDebugEnabled()) {
				logger.debug("Refused a request whose parameters cannot be decoded: " + request.getRequestURI());
			}
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		chain.doFilter(request, response);
	}

}
