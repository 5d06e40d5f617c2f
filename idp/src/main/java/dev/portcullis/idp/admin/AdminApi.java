package dev.portcullis.idp.admin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of the admin REST API ({@code /admin/api/v1}): its errors are RFC 9457 problem details
 * ({@link AdminApiProblems}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AdminApi {

	String BASE = "/admin/api/v1";

	String SCOPE = "portcullis.admin";

}
