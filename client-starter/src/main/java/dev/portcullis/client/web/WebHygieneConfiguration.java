package dev.portcullis.client.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Malformed requests get a clear 4xx, never a 500: the filters for the cases Spring answers with a server error.
 * The settings that switch off what only ever did harm (form parsing of PUT bodies, multipart) are defaults of
 * {@code PortcullisClientDefaults}.
 */
@Configuration(proxyBeanMethods = false)
public class WebHygieneConfiguration {

	@Bean
	FilterRegistrationBean<WildcardContentTypeFilter> portcullisWildcardContentTypeFilter() {
		FilterRegistrationBean<WildcardContentTypeFilter> registration = new FilterRegistrationBean<>(
				new WildcardContentTypeFilter());
		// Before anything wraps the request's headers.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	FilterRegistrationBean<DirectErrorRequestFilter> portcullisDirectErrorRequestFilter() {
		// Plain requests only (the default dispatcher types), so the container's own forwards to /error pass.
		return new FilterRegistrationBean<>(new DirectErrorRequestFilter());
	}

}
