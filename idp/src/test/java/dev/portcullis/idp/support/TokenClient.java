package dev.portcullis.idp.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * A client talking to the token, introspection and revocation endpoints: a confidential one authenticates with
 * client_secret_basic; a {@linkplain #publicClient public} one sends only its {@code client_id} (and, for a code,
 * the PKCE verifier).
 */
public final class TokenClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String baseUrl;

	private final String clientId;

	/** The Authorization header; null for a public client. */
	private final String authorization;

	private final HttpClient http = HttpClient.newHttpClient();

	/** A confidential client; with a null {@code clientSecret}, a public one (see {@link #publicClient}). */
	public TokenClient(int port, String clientId, String clientSecret) {
		this.baseUrl = "http://localhost:" + port;
		this.clientId = clientId;
		this.authorization = (clientSecret != null) ? "Basic " + Base64.getEncoder()
			.encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8)) : null;
	}

	/** A public client (token endpoint authentication {@code none}): no secret, its client_id in the form. */
	public static TokenClient publicClient(int port, String clientId) {
		return new TokenClient(port, clientId, null);
	}

	public Response exchangeCode(Browser.AuthorizationRequest request, String code) {
		return exchangeCode(request, code, request.codeVerifier());
	}

	public Response exchangeCode(Browser.AuthorizationRequest request, String code, String codeVerifier) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("code", code);
		form.put("redirect_uri", request.redirectUri());
		form.put("code_verifier", codeVerifier);
		return post("/oauth2/token", form);
	}

	public Response refresh(String refreshToken) {
		return post("/oauth2/token", Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
	}

	public Response clientCredentials(String scope) {
		return post("/oauth2/token", Map.of("grant_type", "client_credentials", "scope", scope));
	}

	public Response introspect(String token) {
		return post("/oauth2/introspect", Map.of("token", token));
	}

	public Response post(String path, Map<String, String> form) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", "application/x-www-form-urlencoded");
		Map<String, String> fields = form;
		if (this.authorization != null) {
			builder.header("Authorization", this.authorization);
		}
		else {
			fields = new LinkedHashMap<>(form);
			fields.put("client_id", this.clientId);
		}
		HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofString(Browser.form(fields))).build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Response(int status, String body) {

		@SuppressWarnings("unchecked")
		public Map<String, Object> json() {
			return JSON.readValue(this.body, Map.class);
		}

		public String get(String name) {
			Object value = json().get(name);
			return (value != null) ? value.toString() : null;
		}

	}

}
