package dev.portcullis.idp.security;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.server.ResponseStatusException;

/**
 * Error pages are for people: they say in plain words what happened and what to do, never protocol text
 * (Spring's "[invalid_request] OAuth 2.0 Parameter: redirect_uri"), never what went wrong inside the server. The
 * OAuth error code and a reference are shown in small print; the reference is logged with the technical message,
 * so support can find it. Our own controllers' reasons ({@link ResponseStatusException}) are written for people
 * and are shown as they are.
 */
@Component
class PublicErrorAttributes extends DefaultErrorAttributes {

	private static final Log logger = LogFactory.getLog(PublicErrorAttributes.class);

	/** What Spring Authorization Server puts in the message of an error it sends as a page. */
	private static final Pattern OAUTH_ERROR = Pattern.compile("^\\[([a-z_]{1,40})\\] .*?(?:Parameter: ([a-z_]+))?$");

	private static final Map<String, String> BY_PARAMETER = Map.of("client_id",
			"The app that sent you here is not registered with Portcullis, or has been switched off. "
					+ "Go back to the app and try again; if it keeps happening, tell whoever runs the app.",
			"redirect_uri",
			"The app asked Portcullis to send you back to an address it has not registered, so Portcullis will "
					+ "not send you there. Tell whoever runs the app.",
			"scope", "The app asked for access it is not allowed to ask for. Tell whoever runs the app.");

	private static final String OTHER_OAUTH = "The app sent a sign-in request that Portcullis cannot accept. "
			+ "Go back to the app and try again; if it keeps happening, tell whoever runs the app.";

	private final SecureRandom random = new SecureRandom();

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(request,
				options.including(ErrorAttributeOptions.Include.MESSAGE)
					.excluding(ErrorAttributeOptions.Include.STACK_TRACE, ErrorAttributeOptions.Include.EXCEPTION));
		Object technical = attributes.remove("message");
		String reference = reference();
		attributes.put("reference", reference);
		Object status = attributes.get("status");
		if (!(status instanceof Integer code) || code >= 500 || code < 400) {
			return attributes;
		}
		if (technical instanceof String text && !text.isEmpty()) {
			logger.info("Error page " + reference + ": " + code + " " + attributes.get("path") + ": "
					+ text.replaceAll("[\\r\\n]", " "));
			Matcher oauth = OAUTH_ERROR.matcher(text);
			if (oauth.matches()) {
				attributes.put("errorCode", oauth.group(1));
				attributes.put("message", BY_PARAMETER.getOrDefault(oauth.group(2), OTHER_OAUTH));
			}
			else if (getError(request) instanceof ResponseStatusException) {
				attributes.put("message", text);
			}
		}
		return attributes;
	}

	private String reference() {
		byte[] bytes = new byte[5];
		this.random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

}
