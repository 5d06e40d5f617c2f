package dev.portcullis.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A cookie-keeping HTTP client that walks redirects like a browser (no JavaScript needed here). */
public final class Browser {

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final String baseUrl;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient following;

	private final HttpClient notFollowing;

	public Browser(String baseUrl) {
		this.baseUrl = baseUrl;
		this.following = HttpClient.newBuilder().cookieHandler(this.cookies).followRedirects(HttpClient.Redirect.NORMAL).build();
		this.notFollowing = HttpClient.newBuilder().cookieHandler(this.cookies).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	/** GET, following redirects (across the app and the fake IdP) to the final page. */
	public HttpResponse<String> open(String path) {
		return send(this.following, HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET().build());
	}

	/** GET, stopping at the first response. */
	public HttpResponse<String> get(String path) {
		return send(this.notFollowing, HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET().build());
	}

	/** GET with a bearer token (and this browser's cookies), stopping at the first response. */
	public HttpResponse<String> getWithBearer(String path, String token) {
		return send(this.notFollowing, HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Authorization", "Bearer " + token)
			.GET()
			.build());
	}

	/** POST a form, stopping at the first response (a redirect to another host is the point of some tests). */
	public HttpResponse<String> post(String path, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map((field) -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(this.notFollowing,
				HttpRequest.newBuilder(URI.create(this.baseUrl + path))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build());
	}

	/** The value of a cookie this browser holds, for requests sent without it. */
	public String cookie(String name) {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No cookie " + name));
	}

	public static String csrfToken(String html) {
		Matcher matcher = CSRF_FIELD.matcher(html);
		if (!matcher.find()) {
			throw new AssertionError("No CSRF field in page:\n" + html);
		}
		return matcher.group(1);
	}

	private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
