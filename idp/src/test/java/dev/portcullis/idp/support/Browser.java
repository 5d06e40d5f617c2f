package dev.portcullis.idp.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * A user agent for protocol tests: keeps cookies, does not follow redirects, and knows the IdP's sign-in form.
 * What it sends is what a browser sends; pages are driven by a real browser in the e2e module.
 */
public final class Browser {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	/** What Chromium sends for a page. */
	private static final String ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	private final String baseUrl;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(this.cookies)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	/** The client address this browser claims through the proxy (the tests play the trusted proxy), or null. */
	private String forwardedFor;

	public Browser(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	/**
	 * This browser as seen through the proxy from {@code address}: every request names it in
	 * {@code X-Forwarded-For}, which the test profile trusts from loopback as docker-compose trusts it from nginx.
	 */
	public Browser forwardedFor(String address) {
		this.forwardedFor = address;
		return this;
	}

	public String baseUrl() {
		return this.baseUrl;
	}

	/** The cookies this browser holds, as a {@code Cookie} header, for requests sent without it. */
	public String cookieHeader() {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.map((cookie) -> cookie.getName() + "=" + cookie.getValue())
			.collect(Collectors.joining("; "));
	}

	/** Puts a cookie into this browser's jar, as if the IdP had set it (path {@code /}). */
	public void setCookie(String name, String value) {
		java.net.HttpCookie cookie = new java.net.HttpCookie(name, value);
		cookie.setPath("/");
		cookie.setVersion(0);
		this.cookies.getCookieStore().add(URI.create(this.baseUrl), cookie);
	}

	public HttpResponse<String> get(String pathOrUrl) {
		return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept", ACCEPT).GET().build());
	}

	/** A page in the browser's language ({@code Accept-Language}). */
	public HttpResponse<String> get(String pathOrUrl, String acceptLanguage) {
		return send(HttpRequest.newBuilder(uri(pathOrUrl))
			.header("Accept", ACCEPT)
			.header("Accept-Language", acceptLanguage)
			.GET()
			.build());
	}

	public HttpResponse<String> post(String pathOrUrl, Map<String, String> form) {
		return send(HttpRequest.newBuilder(uri(pathOrUrl))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", ACCEPT)
			.POST(HttpRequest.BodyPublishers.ofString(form(form)))
			.build());
	}

	/** Posts an already encoded form (for repeated parameters, such as several {@code scope} values). */
	public HttpResponse<String> postRaw(String pathOrUrl, String encodedForm) {
		return send(HttpRequest.newBuilder(uri(pathOrUrl))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", ACCEPT)
			.POST(HttpRequest.BodyPublishers.ofString(encodedForm))
			.build());
	}

	/** Posts the sign-in form as a person would: load the page (for its CSRF token), then submit. */
	public HttpResponse<String> signIn(String username, String password) {
		String csrf = csrfToken(get("/login").body());
		Map<String, String> form = new LinkedHashMap<>();
		form.put("username", username);
		form.put("password", password);
		form.put("_csrf", csrf);
		return post("/login", form);
	}

	/** Starts an authorization request and follows the IdP's own redirects; returns the response that leaves it. */
	public HttpResponse<String> authorize(AuthorizationRequest request) {
		HttpResponse<String> response = get(request.uri(this.baseUrl));
		while (response.statusCode() == 302 && location(response).startsWith(this.baseUrl)
				&& location(response).contains("/oauth2/authorize")) {
			response = get(location(response));
		}
		return response;
	}

	/** Signs in when asked and returns the authorization code the IdP sends to the client's redirect URI. */
	public String authorizationCode(AuthorizationRequest request, String username, String password) {
		HttpResponse<String> response = authorize(request);
		if (response.statusCode() == 302 && location(response).startsWith(this.baseUrl + "/login")) {
			HttpResponse<String> signedIn = signIn(username, password);
			response = get(location(signedIn));
		}
		String location = location(response);
		if (response.statusCode() != 302 || !location.startsWith(request.redirectUri())) {
			throw new AssertionError("Expected a redirect to the client, got " + response.statusCode() + " "
					+ location + "\n" + response.body());
		}
		Map<String, String> query = UriComponentsBuilder.fromUriString(location).build().getQueryParams()
			.toSingleValueMap();
		if (!request.state().equals(query.get("state"))) {
			throw new AssertionError("state not returned: " + location);
		}
		return query.get("code");
	}

	/** The query parameters of where a redirect goes. */
	public static Map<String, String> redirectQuery(HttpResponse<?> response) {
		return UriComponentsBuilder.fromUriString(location(response)).build().getQueryParams().toSingleValueMap();
	}

	public static String location(HttpResponse<?> response) {
		return response.headers().firstValue("Location").orElse("");
	}

	public static String csrfToken(String html) {
		Matcher matcher = CSRF.matcher(html);
		if (!matcher.find()) {
			throw new AssertionError("No CSRF token in page:\n" + html);
		}
		return matcher.group(1);
	}

	public static String form(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private URI uri(String pathOrUrl) {
		return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : this.baseUrl + pathOrUrl);
	}

	private HttpResponse<String> send(HttpRequest request) {
		if (this.forwardedFor != null) {
			request = HttpRequest.newBuilder(request, (name, value) -> true)
				.header("X-Forwarded-For", this.forwardedFor)
				.build();
		}
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** An authorization request with fresh PKCE, state and nonce. */
	public record AuthorizationRequest(String clientId, String redirectUri, String scope, String state, String nonce,
			String codeVerifier, Map<String, String> extra) {

		public static AuthorizationRequest of(String clientId, String redirectUri, String scope) {
			return new AuthorizationRequest(clientId, redirectUri, scope, random(), random(), random(), Map.of());
		}

		/** The same request with one more parameter ({@code prompt}, {@code max_age}, a hint...). */
		public AuthorizationRequest with(String name, String value) {
			Map<String, String> more = new LinkedHashMap<>(this.extra);
			more.put(name, value);
			return new AuthorizationRequest(this.clientId, this.redirectUri, this.scope, this.state, this.nonce,
					this.codeVerifier, Map.copyOf(more));
		}

		public String codeChallenge() {
			try {
				byte[] digest = MessageDigest.getInstance("SHA-256")
					.digest(this.codeVerifier.getBytes(StandardCharsets.US_ASCII));
				return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

		public String uri(String baseUrl) {
			Map<String, String> query = new LinkedHashMap<>();
			query.put("response_type", "code");
			query.put("client_id", this.clientId);
			query.put("redirect_uri", this.redirectUri);
			query.put("scope", this.scope);
			query.put("state", this.state);
			query.put("nonce", this.nonce);
			query.put("code_challenge", codeChallenge());
			query.put("code_challenge_method", "S256");
			query.putAll(this.extra);
			return baseUrl + "/oauth2/authorize?" + form(query);
		}

		private static String random() {
			byte[] bytes = new byte[32];
			new SecureRandom().nextBytes(bytes);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		}

	}

}
