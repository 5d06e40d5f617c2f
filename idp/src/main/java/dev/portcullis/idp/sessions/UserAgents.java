package dev.portcullis.idp.sessions;

import java.util.Locale;

/** Names a browser and platform from a User-Agent header, well enough for a person to recognise their session. */
final class UserAgents {

	private UserAgents() {
	}

	static String describe(String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return "Unknown browser";
		}
		String ua = userAgent.toLowerCase(Locale.ROOT);
		String browser = ua.contains("edg/") ? "Edge" : ua.contains("firefox/") ? "Firefox"
				: (ua.contains("chrome/") || ua.contains("chromium/")) ? "Chrome" : ua.contains("safari/") ? "Safari"
						: ua.contains("htmlunit") ? "HtmlUnit" : ua.contains("curl/") ? "curl" : "Other browser";
		String platform = ua.contains("android") ? "Android" : (ua.contains("iphone") || ua.contains("ipad")) ? "iOS"
				: ua.contains("windows") ? "Windows" : ua.contains("mac os") ? "macOS"
						: ua.contains("linux") ? "Linux" : null;
		return (platform != null) ? browser + " on " + platform : browser;
	}

}
