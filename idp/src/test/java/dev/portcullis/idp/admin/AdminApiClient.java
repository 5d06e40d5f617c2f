package dev.portcullis.idp.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.portcullis.idp.clients.ClientAdmin;
import dev.portcullis.idp.clients.ClientDraft;
import dev.portcullis.idp.clients.ClientType;
import dev.portcullis.idp.support.TokenClient;
import tools.jackson.databind.json.JsonMapper;

/** Automation calling the admin REST API with a bearer token, as curl would. */
public final class AdminApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String baseUrl;

	private final String token;

	private final HttpClient http = HttpClient.newHttpClient();

	public AdminApiClient(int port, String token) {
		this.baseUrl = "http://localhost:" + port;
		this.token = token;
	}

	/**
	 * Registers a fresh automation app (client credentials, scope {@code portcullis.admin}) and returns a client
	 * holding its access token.
	 */
	public static AdminApiClient withNewAutomationApp(int port, ClientAdmin clients) {
		String clientId = "automation-" + UUID.randomUUID().toString().substring(0, 8);
		String secret = clients.register(new ClientDraft(clientId, "Automation", ClientType.CONFIDENTIAL, List.of(),
				List.of(), null, List.of(AdminApi.SCOPE), false, java.util.Set.of("client_credentials")), "test")
			.secret();
		String token = new TokenClient(port, clientId, secret).clientCredentials(AdminApi.SCOPE).get("access_token");
		return new AdminApiClient(port, token);
	}

	public String token() {
		return this.token;
	}

	public Response get(String path) {
		return send(request(path).GET());
	}

	public Response post(String path, Object body) {
		return send(request(path).header("Content-Type", "application/json").POST(publisher(body)));
	}

	public Response postRaw(String path, String body) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	public Response put(String path, Object body) {
		return send(request(path).header("Content-Type", "application/json").PUT(publisher(body)));
	}

	public Response delete(String path) {
		return send(request(path).DELETE());
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Accept", "application/json");
		if (this.token != null) {
			builder.header("Authorization", "Bearer " + this.token);
		}
		return builder;
	}

	private static HttpRequest.BodyPublisher publisher(Object body) {
		return (body == null) ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
	}

	private Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(), response.headers().map());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Response(int status, String body, Map<String, List<String>> headers) {

		@SuppressWarnings("unchecked")
		public Map<String, Object> json() {
			return JSON.readValue(this.body, Map.class);
		}

		@SuppressWarnings("unchecked")
		public List<Object> jsonList() {
			return JSON.readValue(this.body, List.class);
		}

		public String get(String name) {
			Object value = json().get(name);
			return (value != null) ? value.toString() : null;
		}

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((e) -> e.getKey().equalsIgnoreCase(name))
				.map((e) -> e.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		@SuppressWarnings("unchecked")
		public Map<String, String> errors() {
			return (Map<String, String>) json().get("errors");
		}

	}

}
