package dev.portcullis.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The portal: an example relying party of Portcullis. Copy this module to connect an app of
 * your own; everything IdP-specific is in application.yml and the {@code signin} package.
 */
@SpringBootApplication
public class PortalApplication {

	public static void main(String[] args) {
		SpringApplication.run(PortalApplication.class, args);
	}

}
