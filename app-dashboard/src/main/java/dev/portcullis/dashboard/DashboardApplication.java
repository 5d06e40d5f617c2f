package dev.portcullis.dashboard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The dashboard: an example relying party of Portcullis. Copy this module to connect an app of
 * your own; everything IdP-specific is in application.yml and the {@code signin} package.
 */
@SpringBootApplication
public class DashboardApplication {

	public static void main(String[] args) {
		SpringApplication.run(DashboardApplication.class, args);
	}

}
