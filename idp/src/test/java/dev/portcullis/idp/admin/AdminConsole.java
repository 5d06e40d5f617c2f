package dev.portcullis.idp.admin;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.portcullis.idp.support.Browser;

/**
 * A person signed in at the IdP using the admin console over HTTP: loads a page, then posts its forms with the
 * page's CSRF token, as a browser does. Multi-valued fields (checkboxes) are sent comma-separated.
 */
public final class AdminConsole {

	private final Browser browser;

	private String csrf;

	public AdminConsole(int port, String username, String password) {
		this.browser = new Browser(port);
		this.browser.signIn(username, password);
	}

	public static AdminConsole admin(int port) {
		return new AdminConsole(port, "admin", "admin-password");
	}

	public Browser browser() {
		return this.browser;
	}

	public HttpResponse<String> get(String path) {
		HttpResponse<String> response = this.browser.get(path);
		if (response.statusCode() == 200 && response.body().contains("name=\"_csrf\"")) {
			this.csrf = Browser.csrfToken(response.body());
		}
		return response;
	}

	/** Posts a form of the console, with the CSRF token of the last page loaded (loads the apps page if none). */
	public HttpResponse<String> post(String path, Map<String, String> fields) {
		if (this.csrf == null) {
			get("/admin/clients/new");
		}
		Map<String, String> form = new LinkedHashMap<>(fields);
		form.put("_csrf", this.csrf);
		return this.browser.post(path, form);
	}

	public HttpResponse<String> post(String path) {
		return post(path, Map.of());
	}

	/** The fields of "Register an app" for a confidential sign-in app with this redirect URI. */
	public static Map<String, String> app(String name, String clientId, String redirectUri) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("name", name);
		form.put("clientId", clientId);
		form.put("type", "confidential");
		form.put("grantTypes", "authorization_code,refresh_token");
		form.put("redirectUris", redirectUri);
		form.put("postLogoutRedirectUris", "");
		form.put("backchannelLogoutUri", "");
		form.put("scopes", "openid profile email");
		return form;
	}

	/** The text of the element with this id in an HTML page (enough for the console's simple markup). */
	public static String text(String html, String id) {
		int start = html.indexOf("id=\"" + id + "\"");
		if (start < 0) {
			throw new AssertionError("No element #" + id + " in page:\n" + html);
		}
		int open = html.indexOf('>', start) + 1;
		int close = html.indexOf('<', open);
		return unescape(html.substring(open, close).trim());
	}

	private static String unescape(String text) {
		return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
			.replace("&amp;", "&");
	}

}
