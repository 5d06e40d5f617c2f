package dev.portcullis.portal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Just enough of an OpenID provider, on 127.0.0.1, for the app to sign a user in without the real
 * IdP: discovery, JWKS, an authorization endpoint that signs "alice" in at once, a token endpoint
 * that checks the client secret and the PKCE verifier. It also stands in for the other app's API
 * ({@code /other-app/api/me}) and remembers the bearer tokens it was sent.
 */
final class FakeIdp implements AutoCloseable {

	static final String CLIENT_ID = "portal";

	static final String CLIENT_SECRET = "portal-demo-secret";

	static final String OTHER_APP_API_PATH = "/other-app/api/me";

	private static FakeIdp shared;

	final String issuer;

	final RSAKey key;

	final List<URI> authorizationRequests = new CopyOnWriteArrayList<>();

	final List<String> issuedAccessTokens = new CopyOnWriteArrayList<>();

	final List<String> otherAppAuthorizations = new CopyOnWriteArrayList<>();

	/** The IdP session id ({@code sid}) of every ID token issued, in order: each sign-in gets its own. */
	final List<String> issuedSids = new CopyOnWriteArrayList<>();

	/** Makes the other app's API answer 503, as while it restarts. */
	volatile boolean otherAppDown;

	private final Map<String, Map<String, String>> pendingCodes = new ConcurrentHashMap<>();

	private final HttpServer server;

	private FakeIdp(int port) throws IOException, JOSEException {
		this.key = new RSAKeyGenerator(2048).keyID("fake-idp-key").generate();
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		this.issuer = "http://127.0.0.1:" + this.server.getAddress().getPort();
		this.server.createContext("/.well-known/openid-configuration", (exchange) -> json(exchange, 200, discovery()));
		this.server.createContext("/oauth2/jwks",
				(exchange) -> json(exchange, 200, new JWKSet(this.key.toPublicJWK()).toString()));
		this.server.createContext("/oauth2/authorize", this::authorize);
		this.server.createContext("/oauth2/token", this::token);
		this.server.createContext(OTHER_APP_API_PATH, this::otherAppApi);
		this.server.start();
	}

	/** One instance for every test class that shares the application context configuration. */
	static synchronized FakeIdp shared() {
		if (shared == null) {
			shared = start(0);
		}
		return shared;
	}

	static FakeIdp start(int port) {
		try {
			return new FakeIdp(port);
		}
		catch (IOException | JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/** Claims of an access token as the IdP issues them to the other app, for this app's API. */
	JWTClaimsSet.Builder accessTokenClaims(String... scopes) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject("user-1")
			.audience("dashboard")
			.claim("preferred_username", "alice")
			.claim("client_id", "dashboard")
			.claim("scope", List.of(scopes))
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.jwtID(UUID.randomUUID().toString());
	}

	/** The {@code sid} of the latest sign-in (tests run one at a time). */
	String lastSid() {
		return this.issuedSids.get(this.issuedSids.size() - 1);
	}

	String sign(JWTClaimsSet claims) {
		return sign(claims, this.key);
	}

	static String sign(JWTClaimsSet claims, RSAKey key) {
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
					claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String discovery() {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("issuer", this.issuer);
		metadata.put("authorization_endpoint", this.issuer + "/oauth2/authorize");
		metadata.put("token_endpoint", this.issuer + "/oauth2/token");
		metadata.put("jwks_uri", this.issuer + "/oauth2/jwks");
		metadata.put("end_session_endpoint", this.issuer + "/connect/logout");
		metadata.put("response_types_supported", List.of("code"));
		metadata.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
		metadata.put("subject_types_supported", List.of("public"));
		metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
		metadata.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
		metadata.put("code_challenge_methods_supported", List.of("S256"));
		metadata.put("scopes_supported", List.of("openid", "profile", "email"));
		metadata.put("backchannel_logout_supported", true);
		metadata.put("backchannel_logout_session_supported", true);
		return JSONObjectUtils.toJSONString(metadata);
	}

	/** Signs alice in at once: what the real IdP does for a user who already has an SSO session. */
	private void authorize(HttpExchange exchange) throws IOException {
		URI uri = exchange.getRequestURI();
		this.authorizationRequests.add(uri);
		Map<String, String> params = parse(uri.getRawQuery());
		String code = UUID.randomUUID().toString();
		this.pendingCodes.put(code, params);
		String location = params.get("redirect_uri") + "?code=" + code + "&state="
				+ URLEncoder.encode(params.get("state"), StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Location", location);
		exchange.sendResponseHeaders(302, -1);
		exchange.close();
	}

	private void token(HttpExchange exchange) throws IOException {
		String expectedAuth = "Basic " + Base64.getEncoder()
			.encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
		if (!expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			json(exchange, 401, "{\"error\":\"invalid_client\"}");
			return;
		}
		Map<String, String> form = parse(new String(readAll(exchange.getRequestBody()), StandardCharsets.UTF_8));
		Map<String, String> request = this.pendingCodes.remove(form.get("code"));
		if (request == null || !request.get("redirect_uri").equals(form.get("redirect_uri"))
				|| !"S256".equals(request.get("code_challenge_method"))
				|| !s256(form.get("code_verifier")).equals(request.get("code_challenge"))) {
			json(exchange, 400, "{\"error\":\"invalid_grant\"}");
			return;
		}
		Instant now = Instant.now();
		List<String> scopes = List.of(request.get("scope").split(" "));
		String accessToken = sign(new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject("user-1")
			.audience(CLIENT_ID)
			.claim("client_id", CLIENT_ID)
			.claim("scope", scopes)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.jwtID(UUID.randomUUID().toString())
			.build());
		this.issuedAccessTokens.add(accessToken);
		String sid = "sid-alice-" + UUID.randomUUID();
		this.issuedSids.add(sid);
		String idToken = sign(new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject("user-1")
			.audience(CLIENT_ID)
			.claim("azp", CLIENT_ID)
			.claim("nonce", request.get("nonce"))
			.claim("sid", sid)
			.claim("preferred_username", "alice")
			.claim("name", "Alice Adams")
			.claim("email", "alice@example.com")
			.claim("email_verified", true)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.build());
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("access_token", accessToken);
		response.put("token_type", "Bearer");
		response.put("expires_in", 300);
		response.put("scope", String.join(" ", scopes));
		response.put("id_token", idToken);
		json(exchange, 200, JSONObjectUtils.toJSONString(response));
	}

	private void otherAppApi(HttpExchange exchange) throws IOException {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		this.otherAppAuthorizations.add(String.valueOf(authorization));
		if (this.otherAppDown) {
			exchange.sendResponseHeaders(503, -1);
			exchange.close();
			return;
		}
		if (authorization == null || !this.issuedAccessTokens.contains(authorization.substring("Bearer ".length()))) {
			exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer error=\"invalid_token\"");
			exchange.sendResponseHeaders(401, -1);
			exchange.close();
			return;
		}
		json(exchange, 200, """
				{"app":"other","subject":"user-1","username":"alice","scopes":["dashboard.api","openid"],"clientId":"%s"}"""
			.formatted(CLIENT_ID));
	}

	private static String s256(String verifier) {
		if (verifier == null) {
			return "";
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Map<String, String> parse(String query) {
		Map<String, String> params = new LinkedHashMap<>();
		if (query == null || query.isEmpty()) {
			return params;
		}
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			String name = (eq < 0) ? pair : pair.substring(0, eq);
			String value = (eq < 0) ? "" : pair.substring(eq + 1);
			params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return params;
	}

	private static byte[] readAll(InputStream in) throws IOException {
		try (in) {
			return in.readAllBytes();
		}
	}

	private static void json(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (var out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
