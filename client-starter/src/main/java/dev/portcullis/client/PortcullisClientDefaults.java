package dev.portcullis.client;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults for Boot's own settings that every app signing in with Portcullis wants, added last so that anything
 * the app sets wins:
 * <ul>
 * <li>error pages without stack trace, message or exception name;</li>
 * <li>no form parsing of PUT, PATCH and DELETE bodies, and no multipart: Spring parses such bodies before security
 * runs and answers a malformed one with a 500 (nothing here takes forms by those methods, nor uploads).</li>
 * </ul>
 */
public class PortcullisClientDefaults implements EnvironmentPostProcessor {

	static final String SOURCE_NAME = "portcullisClientDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("server.error.include-stacktrace", "never");
		defaults.put("server.error.include-message", "never");
		defaults.put("server.error.include-exception", "false");
		defaults.put("spring.mvc.formcontent.filter.enabled", "false");
		defaults.put("spring.servlet.multipart.enabled", "false");
		environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
	}

}
