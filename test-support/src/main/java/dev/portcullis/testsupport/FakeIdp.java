package dev.portcullis.testsupport;

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
 * Just enough of an OpenID provider, on 127.0.0.1, for an app to sign a user in without the real IdP: discovery,
 * JWKS, an authorization endpoint that signs "alice" in at once, a token endpoint that checks the client secret and
 * the PKCE verifier and redeems refresh tokens. It also stands in for another app's API
 * ({@link #OTHER_APP_API_PATH}) and remembers the bearer tokens it was sent.
 */
public final class FakeIdp implements AutoCloseable {

	public static final String OTHER_APP_API_PATH = "/other-app/api/me";

	private static final Map<String, FakeIdp> shared = new ConcurrentHashMap<>();

	public final String issuer;

	public final String clientId;

	public final String clientSecret;

	public final RSAKey key;

	public final List<URI> authorizationRequests = new CopyOnWriteArrayList<>();

	public final List<String> issuedAccessTokens = new CopyOnWriteArrayList<>();

	/** The refresh tokens redeemed at the token endpoint, in order. */
	public final List<String> redeemedRefreshTokens = new CopyOnWriteArrayList<>();

	public final List<String> otherAppAuthorizations = new CopyOnWriteArrayList<>();

	/** The IdP session id ({@code sid}) of every ID token issued, in order: each sign-in gets its own. */
	public final List<String> issuedSids = new CopyOnWriteArrayList<>();

	/** Makes the other app's API answer 503, as while it restarts. */
	public volatile boolean otherAppDown;

	/**
	 * Lifetime of the access tokens issued from now on. Under 60 seconds, Spring's client takes a token for
	 * expired at once (its clock skew) and refreshes it before use: a refresh without waiting.
	 */
	public volatile long accessTokenSeconds = 300;

	/** Who signs in from now on ({@code sub} of the ID and access tokens). */
	public volatile String subject = "user-1";

	private final Map<String, Map<String, String>> pendingCodes = new ConcurrentHashMap<>();

	private final Map<String, String> refreshTokenScopes = new ConcurrentHashMap<>();

	private final HttpServer server;

	private FakeIdp(int port, String clientId, String clientSecret) throws IOException, JOSEException {
		this.clientId = clientId;
		this.clientSecret = clientSecret;
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

	/** One instance per client for every test class of a JVM, so they can share one application context. */
	public static FakeIdp shared(String clientId, String clientSecret) {
		return shared.computeIfAbsent(clientId, (id) -> start(0, clientId, clientSecret));
	}

	public static FakeIdp start(int port, String clientId, String clientSecret) {
		try {
			return new FakeIdp(port, clientId, clientSecret);
		}
		catch (IOException | JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/** Claims of an access token as the IdP issues it to another app ({@code caller}), for this app's API. */
	public JWTClaimsSet.Builder accessTokenClaims(String caller, String... scopes) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject("user-1")
			.audience(caller)
			.claim("preferred_username", "alice")
			.claim("client_id", caller)
			.claim("scope", List.of(scopes))
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.jwtID(UUID.randomUUID().toString());
	}

	/** The {@code sid} of the latest sign-in (tests run one at a time). */
	public String lastSid() {
		return this.issuedSids.get(this.issuedSids.size() - 1);
	}

	public String sign(JWTClaimsSet claims) {
		return sign(claims, this.key);
	}

	public static String sign(JWTClaimsSet claims, RSAKey key) {
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
			.encodeToString((this.clientId + ":" + this.clientSecret).getBytes(StandardCharsets.UTF_8));
		if (!expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			json(exchange, 401, "{\"error\":\"invalid_client\"}");
			return;
		}
		Map<String, String> form = parse(new String(readAll(exchange.getRequestBody()), StandardCharsets.UTF_8));
		if ("refresh_token".equals(form.get("grant_type"))) {
			refresh(exchange, form.get("refresh_token"));
			return;
		}
		Map<String, String> request = this.pendingCodes.remove(form.get("code"));
		if (request == null || !request.get("redirect_uri").equals(form.get("redirect_uri"))
				|| !"S256".equals(request.get("code_challenge_method"))
				|| !s256(form.get("code_verifier")).equals(request.get("code_challenge"))) {
			json(exchange, 400, "{\"error\":\"invalid_grant\"}");
			return;
		}
		Instant now = Instant.now();
		String sid = "sid-alice-" + UUID.randomUUID();
		this.issuedSids.add(sid);
		String idToken = sign(new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject(this.subject)
			.audience(this.clientId)
			.claim("azp", this.clientId)
			.claim("nonce", request.get("nonce"))
			.claim("sid", sid)
			.claim("preferred_username", "alice")
			.claim("name", "Alice Adams")
			.claim("email", "alice@example.com")
			.claim("email_verified", true)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.build());
		Map<String, Object> response = tokens(request.get("scope"));
		response.put("id_token", idToken);
		json(exchange, 200, JSONObjectUtils.toJSONString(response));
	}

	/** Rotates: the refresh token is used up, and a new one comes with the new access token. */
	private void refresh(HttpExchange exchange, String refreshToken) throws IOException {
		String scope = (refreshToken != null) ? this.refreshTokenScopes.remove(refreshToken) : null;
		if (scope == null) {
			json(exchange, 400, "{\"error\":\"invalid_grant\"}");
			return;
		}
		this.redeemedRefreshTokens.add(refreshToken);
		json(exchange, 200, JSONObjectUtils.toJSONString(tokens(scope)));
	}

	private Map<String, Object> tokens(String scope) {
		Instant now = Instant.now();
		long lifetime = this.accessTokenSeconds;
		String accessToken = sign(new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject("user-1")
			.audience(this.clientId)
			.claim("client_id", this.clientId)
			.claim("scope", List.of(scope.split(" ")))
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(lifetime)))
			.jwtID(UUID.randomUUID().toString())
			.build());
		this.issuedAccessTokens.add(accessToken);
		String refreshToken = UUID.randomUUID().toString();
		this.refreshTokenScopes.put(refreshToken, scope);
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("access_token", accessToken);
		response.put("token_type", "Bearer");
		response.put("expires_in", lifetime);
		response.put("scope", scope);
		response.put("refresh_token", refreshToken);
		return response;
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
				{"app":"other","subject":"user-1","username":"alice","scopes":["api","openid"],"clientId":"%s"}"""
			.formatted(this.clientId));
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

	public static Map<String, String> parse(String query) {
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
