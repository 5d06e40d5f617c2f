package dev.portcullis.idp.security;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;

/**
 * The headers every filter chain sends besides Spring Security's defaults ({@code X-Frame-Options: DENY},
 * {@code X-Content-Type-Options: nosniff}, ...): the pages of the protocol endpoints (the authorization endpoint's
 * error page) are pages too.
 */
public final class SecurityHeaders {

	/**
	 * No {@code form-action}: after sign-in and consent the browser is redirected on to the app, and browsers apply
	 * {@code form-action} to those redirects too.
	 */
	public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "frame-ancestors 'none'";

	private SecurityHeaders() {
	}

	public static Customizer<HeadersConfigurer<HttpSecurity>> contentSecurityPolicy() {
		return (headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY));
	}

}
