package dev.portcullis.idp.sessions;

import java.io.IOException;
import java.net.URI;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Just inside Spring Session's filter: a redirect is answered with its status and {@code Location} but left
 * uncommitted, and Tomcat sends it when the request ends, after Spring Session has saved the session.
 * <p>
 * Spring Session saves the session when the response is committed (so a client never holds a session id that is
 * not stored yet) and again when its filter ends. That second save re-reads the session from the database to
 * learn the id it was requested with (spring-session#1731): one needless query on every redirect, which is most
 * of a sign-in's and every single sign-on hop's requests. Left uncommitted, the redirect is saved once, before the
 * client sees anything, so the guarantee holds. Only redirects: a page's body may be flushed when it is larger
 * than Tomcat's buffer, and the session cookie must be written before that.
 */
final class RedirectsCommitLast extends OncePerRequestFilter {

	/** A location that names its scheme is absolute already. */
	private static final Pattern ABSOLUTE = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

	/**
	 * A request that names no session (no cookie at all) cannot have it read twice: the apps' calls to the token,
	 * introspection and key endpoints pass untouched.
	 */
	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getHeader(HttpHeaders.COOKIE) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(request, new Redirects(request, response));
	}

	private static final class Redirects extends HttpServletResponseWrapper {

		private final HttpServletRequest request;

		private boolean redirected;

		Redirects(HttpServletRequest request, HttpServletResponse response) {
			super(response);
			this.request = request;
		}

		@Override
		public void sendRedirect(String location) throws IOException {
			sendRedirect(location, SC_FOUND, true);
		}

		@Override
		public void sendRedirect(String location, int status, boolean clearBuffer) throws IOException {
			if (isCommitted()) {
				throw new IllegalStateException("Cannot redirect: the response is committed");
			}
			String absolute = absolute(location);
			if (absolute == null) {
				super.sendRedirect(location, status, clearBuffer); // left to Tomcat, which commits
				return;
			}
			if (clearBuffer) {
				resetBuffer();
			}
			setStatus(status);
			setHeader("Location", absolute);
			this.redirected = true;
		}

		/** Committed as far as the application is concerned: nothing may be written after a redirect. */
		@Override
		public boolean isCommitted() {
			return this.redirected || super.isCommitted();
		}

		/**
		 * The location as Tomcat writes it (Spring Boot turns Tomcat's relative redirects off): resolved against
		 * the request's URL, which honours forwarded headers when they are trusted. Null for one that is not a
		 * URI, left to Tomcat.
		 */
		private String absolute(String location) {
			if (location == null || ABSOLUTE.matcher(location).find()) {
				return location;
			}
			try {
				return URI.create(this.request.getRequestURL().toString()).resolve(location).toString();
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}

	}

}
