package dev.portcullis.idp.admin;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the admin REST API, served at {@code /admin/api/v1/openapi.json} (springdoc builds the
 * paths from the controllers marked {@link AdminApi}).
 */
@Configuration(proxyBeanMethods = false)
class AdminApiDocs {

	@Bean
	OpenAPI adminApiOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Portcullis admin API")
				.version("v1")
				.description("Register and manage apps and users. Every call needs a bearer access token from this "
						+ "IdP with the scope " + AdminApi.SCOPE + " (client credentials for automation). Errors are "
						+ "RFC 9457 problem details."))
			.components(new Components().addSecuritySchemes("bearer",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"));
	}

}
