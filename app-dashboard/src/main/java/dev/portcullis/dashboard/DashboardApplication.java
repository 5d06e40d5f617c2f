package dev.portcullis.dashboard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The dashboard: an example relying party of Portcullis. Everything IdP-specific comes from
 * portcullis-client-spring-boot-starter and five lines of application.yml; what is here is the dashboard's own.
 */
@SpringBootApplication
public class DashboardApplication {

	public static void main(String[] args) {
		SpringApplication.run(DashboardApplication.class, args);
	}

}
