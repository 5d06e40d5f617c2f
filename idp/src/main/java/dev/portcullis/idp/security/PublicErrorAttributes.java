package dev.portcullis.idp.security;

import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * Error pages say what was wrong with a bad request (for example "[invalid_request] OAuth 2.0 Parameter:
 * redirect_uri" from the authorization endpoint), but never what went wrong inside the server: the message of a
 * 5xx is dropped, and stack traces are never included.
 */
@Component
class PublicErrorAttributes extends DefaultErrorAttributes {

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(request,
				options.including(ErrorAttributeOptions.Include.MESSAGE)
					.excluding(ErrorAttributeOptions.Include.STACK_TRACE, ErrorAttributeOptions.Include.EXCEPTION));
		Object status = attributes.get("status");
		if (!(status instanceof Integer code) || code >= 500 || code < 400) {
			attributes.remove("message");
		}
		return attributes;
	}

}
