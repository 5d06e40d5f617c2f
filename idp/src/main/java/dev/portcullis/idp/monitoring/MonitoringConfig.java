package dev.portcullis.idp.monitoring;

import org.springframework.boot.actuate.endpoint.EndpointFilter;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/** Where the metrics are served, and the correlation id every log line of a request carries. */
@Configuration(proxyBeanMethods = false)
class MonitoringConfig {

	@Bean
	EndpointFilter<ExposableWebEndpoint> scrapeEndpointExposure(Environment environment) {
		return new ScrapeEndpointExposure(environment);
	}

	/** Spring Boot uses this for its HTTP server metrics ({@code http.server.requests}). */
	@Bean
	ProtocolEndpointUris protocolEndpointUris(AuthorizationServerSettings settings) {
		return new ProtocolEndpointUris(settings);
	}

	/** First of all filters, so that whatever is logged about a request carries its id. */
	@Bean
	FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
		FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(
				new CorrelationIdFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
