package dev.portcullis.idp.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security observes every filter, authentication and authorization of every request when an observation
 * registry exists (Actuator makes one). Switching them off by property (management.observations.enable) still wraps
 * every filter of every chain and creates a no-op observation per filter; on the token and introspection endpoints
 * that wrapping was about a tenth of the CPU (docs/performance.md). With these settings Spring Security does not wrap
 * at all. HTTP server and connection pool metrics are Actuator's and stay.
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservations {

	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

}
