package dev.portcullis.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The portal: an example relying party of Portcullis. Everything IdP-specific comes from
 * portcullis-client-spring-boot-starter and five lines of application.yml; what is here is the portal's own.
 */
@SpringBootApplication
public class PortalApplication {

	public static void main(String[] args) {
		SpringApplication.run(PortalApplication.class, args);
	}

}
