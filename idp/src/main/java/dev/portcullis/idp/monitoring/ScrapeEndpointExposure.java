package dev.portcullis.idp.monitoring;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.EndpointFilter;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.core.env.Environment;

/**
 * {@code /actuator/prometheus} exists only on the management port ({@code management.server.port}, set apart from
 * {@code server.port}), where a scraper reaches it and the internet does not. Without a management port it is not
 * served at all, unless {@code portcullis.metrics.public-port=true} says the public port is fine (behind a proxy
 * that keeps {@code /actuator} to itself). Boot's exposure list names it; this filter takes it away again.
 */
final class ScrapeEndpointExposure implements EndpointFilter<ExposableWebEndpoint> {

	static final EndpointId PROMETHEUS = EndpointId.of("prometheus");

	private final boolean exposed;

	ScrapeEndpointExposure(Environment environment) {
		this.exposed = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT
				|| environment.getProperty("portcullis.metrics.public-port", Boolean.class, false);
	}

	@Override
	public boolean match(ExposableWebEndpoint endpoint) {
		return this.exposed || !PROMETHEUS.equals(endpoint.getEndpointId());
	}

}
