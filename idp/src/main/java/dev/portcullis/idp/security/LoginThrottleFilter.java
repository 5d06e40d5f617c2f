package dev.portcullis.idp.security;

import java.io.IOException;
import java.time.Instant;

import dev.portcullis.idp.audit.AuditLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a sign-in attempt whose username or address is locked by {@link LoginThrottle}, before the password
 * is looked at, and sends the person back to the sign-in page with a message that says to wait.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

	private final LoginThrottle throttle;

	private final AuditLog auditLog;

	LoginThrottleFilter(LoginThrottle throttle, AuditLog auditLog) {
		this.throttle = throttle;
		this.auditLog = auditLog;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Instant lockedUntil = this.throttle.lockedUntil(request.getParameter("username"), request.getRemoteAddr());
		if (lockedUntil == null) {
			chain.doFilter(request, response);
			return;
		}
		this.auditLog.record("anonymous", "sign-in", "(throttled)", dev.portcullis.idp.audit.AuditEvent.Outcome.FAILURE,
				"throttled until " + lockedUntil, request.getRemoteAddr());
		response.sendRedirect(request.getContextPath() + "/login?locked");
	}

}
