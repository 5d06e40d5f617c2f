package dev.portcullis.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Generates malformed HTTP/1.1 requests from a seed and sends each one raw over its own socket, so that what a
 * client library refuses to send (bad percent escapes or raw bytes in the request line, a bad or missing Host) is
 * sent too. Each request is an endpoint's template with one to three mutations: missing, duplicated and oversized
 * parameters, wrong methods and content types, invalid UTF-8 and percent escapes, malformed JSON and JWTs, bad
 * headers and paths.
 *
 * <p>Templates are near-valid but never complete (a bogus id, a wrong password, no PKCE challenge, no CSRF token
 * where a session and a token alone would act), so no mutation makes a request that rightly changes anything; that
 * is what lets a suite assert that nothing changed. Strings here are byte strings (ISO-8859-1, one char per byte), so
 * invalid UTF-8 survives until it is written.
 */
public final class MalformedRequests {

	/** Fixed, so a failure is reproduced by running the suite again; {@code -Drobustness.seed=...} explores. */
	public static final long SEED = Long.getLong("robustness.seed", 20_260_909L);

	/** What an answer must never contain: a stack trace, exception names, the framework's fallback error page. */
	public static final List<String> LEAKS = List.of("Exception", "at org.", "at java.", "Whitelabel", "Caused by",
			"\tat ");

	private static final String[] METHODS = { "GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "FOO",
			"get" };

	private static final String[] CONTENT_TYPES = { "application/json", "application/x-www-form-urlencoded",
			"text/plain", "multipart/form-data", "multipart/form-data; boundary=xyz", "application/xml",
			"application/x-www-form-urlencoded; charset=no-such-charset", "application/json; charset=utf-32", ";;;",
			"*/*", "application/x-www-form-urlencoded; charset=UTF-16" };

	private static final String[] BAD_ESCAPES = { "%", "%zz", "%4", "%u0041", "%%", "%C3%28", "%ff%fe", "%00",
			"%0d%0a", "%E2%82", "%ED%A0%80", "+%2" };

	private static final String[] BAD_BYTES = { "\u00c3\u0028", "\u00ff", "\u00ed\u00a0\u0080", "\u00c0\u00af",
			"\u00fe\u00ff", "\u0080" };

	private static final String[] BAD_FORMS = { "a=%zz", "%", "a=%e9&b", "\u00ff=\u00fe", "=&=&&", "a=%u0041",
			"a" + "&a".repeat(5_000), "a=1;b=2", "a==b=c" };

	private static final String[] BAD_JSON = { "{", "[", "{\"a\":}", "nul", "{\"a\":\"\\ud800\"}", "1e999999999",
			"{\"a\":1,\"a\":2", "{'single':'quotes'}", "\"just a string\"", "[1,2,,3]", "{\"a\":\"\u00ff\u00fe\"}",
			"[".repeat(5000) + "]".repeat(5000), "{\"a\":" + "9".repeat(5000) + "}", "{\"redirect_uris\":{}}",
			"{\"username\":[],\"password\":{}}", "" };

	private static final String[] BAD_JWTS = { "a.b.c", "eyJhbGciOiJub25lIn0.e30.", "eyJhbGciOiJSUzI1NiJ9",
			"eyJ.eyJ.eyJ", "....", "e30.e30.e30.e30", jwt("{\"alg\":\"RS256\",\"kid\":\"../../etc/passwd\"}", "{}"),
			jwt("{\"alg\":\"none\"}", "{\"sub\":\"admin\",\"scope\":\"portcullis.admin\"}"),
			jwt("{\"alg\":\"HS256\"}", "{\"iss\":1,\"exp\":\"soon\",\"aud\":{}}"), jwt("[]", "null"),
			jwt("{\"alg\":\"RS256\"}", "{\"events\":\"x\",\"sid\":[],\"iss\":\"not a url\"}"),
			"eyJhbGciOiJSUzI1NiJ9." + "A".repeat(20_000) + ".sig", "%zz.%zz.%zz", "\u00ff\u00fe.\u00c3.x" };

	private static final String[] BAD_AUTHORIZATIONS = { "Bearer", "Bearer ", "Bearer a b c", "Basic", "Basic !!!",
			"Basic " + b64("no-colon"), "Basic " + b64(":"), "Basic " + b64("test-client:%zz"), "Digest x",
			"Basic " + b64("\u00ff\u00fe:\u00c3"), "bearer a.b.c" };

	private static final String[] BAD_HOSTS = { "", "exa mple.com", "[::1", "localhost:99999", "a..b", "%zz",
			"\u00ff", "localhost:abc" };

	private static final String[] BAD_PATH_SUFFIXES = { "/..;/", "//", "/%2e%2e/", "/%2F", ";jsessionid=x", "/",
			"/%00", "/\u00ff", "/./", "/%zz", "\\", "/%5C" };

	private static final String[] BAD_HEADERS = { "Cookie: IDP_SESSION=%zz; PORTAL_SESSION=\u00ff; DASHBOARD_SESSION=",
			"Cookie: =;=;;", "Accept: garbage/;;;q=x", "Accept-Language: ??-;q=2", "Range: bytes=99-1",
			"If-Modified-Since: yesterday", "Origin: null", "Referer: %zz", "X-Forwarded-For: ::::",
			"X-Forwarded-Host: \u00ff", "Accept-Charset: no-such-charset", "Expect: 99-continue",
			"X-CSRF-TOKEN: %zz", "Content-Encoding: gzip" };
	// Not sent: a Transfer-Encoding Tomcat does not know ("identity", dropped by RFC 7230). Tomcat answers it 501
	// itself, before any of our code runs, as RFC 9112 (6.1) says a server should.

	private final Random random;

	private final String host;

	private final int port;

	private final List<Mutation> mutations = List.of(
			new Mutation("method", (draft, r) -> draft.method = pick(r, METHODS)),
			new Mutation("content-type", (draft, r) -> draft.contentType = pick(r, CONTENT_TYPES)),
			new Mutation("missing-param", (draft, r) -> draft.editParams(r, (params, i) -> params.remove((int) i))),
			new Mutation("duplicate-param", (draft, r) -> draft.editParams(r, (params, i) -> params.add(params.get(i)))),
			new Mutation("oversized-param", (draft, r) -> draft.editParams(r,
					(params, i) -> params.set(i, name(params.get(i)) + "=" + "A".repeat(pickInt(r, 5_000, 20_000, 100_000))))),
			new Mutation("bad-escape", (draft, r) -> draft.spoil(r, pick(r, BAD_ESCAPES))),
			new Mutation("bad-utf8", (draft, r) -> draft.spoil(r, pick(r, BAD_BYTES))),
			new Mutation("bad-form", (draft, r) -> {
				draft.contentType = "application/x-www-form-urlencoded";
				draft.body = pick(r, BAD_FORMS);
			}),
			new Mutation("bad-json", (draft, r) -> {
				draft.contentType = "application/json";
				draft.body = r.nextBoolean() && !draft.body.isEmpty()
						? draft.body.substring(0, r.nextInt(draft.body.length())) : pick(r, BAD_JSON);
			}),
			new Mutation("bad-jwt", (draft, r) -> {
				String token = pick(r, BAD_JWTS);
				if (r.nextBoolean() && draft.editParams(r, (params, i) -> params.set(i, name(params.get(i)) + "=" + token))) {
					return;
				}
				draft.headers.put("Authorization", "Bearer " + token);
			}),
			new Mutation("bad-authorization", (draft, r) -> draft.headers.put("Authorization", pick(r, BAD_AUTHORIZATIONS))),
			new Mutation("bad-host", (draft, r) -> draft.hostHeader = r.nextInt(4) == 0 ? null : pick(r, BAD_HOSTS)),
			new Mutation("bad-path", (draft, r) -> draft.path = draft.path + pick(r, BAD_PATH_SUFFIXES)),
			new Mutation("bad-header", (draft, r) -> {
				String header = pick(r, BAD_HEADERS);
				draft.headers.put(header.substring(0, header.indexOf(':')), header.substring(header.indexOf(':') + 2));
			}),
			new Mutation("oversized-header", (draft, r) -> draft.headers.put("X-Padding", "A".repeat(20_000))));

	public MalformedRequests(long seed, int port) {
		this.random = new Random(seed);
		this.host = "localhost";
		this.port = port;
	}

	/** The next malformed request for this endpoint: its template with one to three mutations. */
	public Request next(Endpoint endpoint) {
		Draft draft = new Draft(endpoint, this.host + ":" + this.port);
		List<String> applied = new ArrayList<>();
		int count = 1 + this.random.nextInt(3);
		for (int i = 0; i < count; i++) {
			Mutation mutation = this.mutations.get(this.random.nextInt(this.mutations.size()));
			mutation.apply().accept(draft, this.random);
			applied.add(mutation.name());
		}
		return new Request(endpoint.name(), String.join("+", applied), draft.render());
	}

	/**
	 * The requests an outside probe found answered 500 (issue 9), sent as they are: PUT, PATCH and DELETE with a
	 * form body that is not valid form encoding, to this path.
	 */
	public List<Request> reported(String path, Map<String, String> headers) {
		List<Request> requests = new ArrayList<>();
		for (String method : List.of("PUT", "PATCH", "DELETE")) {
			for (String body : List.of("a=%zz", "a=%", "a=%e9", "a=\u00ff\u00fe&b=%C3%28")) {
				Endpoint endpoint = Endpoint.form("reported: " + method + " form", method, path, body, headers);
				requests.add(new Request(endpoint.name(), "none", new Draft(endpoint, this.host + ":" + this.port).render()));
			}
		}
		return requests;
	}

	/**
	 * The suite every service runs: the {@link #reported} requests of each of {@code reportedPaths}, then
	 * {@code count} generated ones cycling over {@code endpoints}. Prints the tally under {@code title} and returns
	 * every answer that was a 5xx, leaked exception text or did not come in time.
	 */
	public Run run(String title, List<String> reportedPaths, List<Endpoint> endpoints, int count) {
		List<Request> requests = new ArrayList<>();
		for (String path : reportedPaths) {
			requests.addAll(reported(path, Map.of()));
		}
		for (int i = 0; i < count; i++) {
			requests.add(next(endpoints.get(i % endpoints.size())));
		}
		Tally tally = new Tally();
		List<String> failures = new ArrayList<>();
		for (Request request : requests) {
			Answer answer = send(request);
			tally.add(request, answer);
			if (answer.status() >= 500 || answer.leak() != null || answer.text().contains("Read timed out")) {
				failures.add(request.describe() + "\n  answered: " + answer.excerpt());
			}
		}
		System.out.println(tally.table(title, SEED));
		return new Run(tally.total(), failures);
	}

	/** What {@link #run} sent and what went wrong. */
	public record Run(int total, List<String> failures) {
	}

	/** Writes the request on a fresh connection and reads the answer until the server closes it. */
	public Answer send(Request request) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(this.host, this.port), 5_000);
			socket.setSoTimeout(15_000);
			try {
				OutputStream out = socket.getOutputStream();
				out.write(request.bytes());
				out.flush();
			}
			catch (IOException ex) {
				// The server may answer and close before reading a large body: read what it said.
			}
			return Answer.parse(readAll(socket.getInputStream()));
		}
		catch (IOException ex) {
			return new Answer(0, "no answer: " + ex.getMessage());
		}
	}

	/**
	 * Counts answers by endpoint and status class, one row per endpoint, for the suite to print.
	 */
	public static final class Tally {

		private final Map<String, int[]> rows = new TreeMap<>();

		private final long started = System.nanoTime();

		private int total;

		public void add(Request request, Answer answer) {
			int column = (answer.status() < 100) ? 0 : Math.min(answer.status() / 100, 5);
			this.rows.computeIfAbsent(request.endpoint(), (k) -> new int[6])[column]++;
			this.total++;
		}

		public int total() {
			return this.total;
		}

		public String table(String title, long seed) {
			StringBuilder out = new StringBuilder();
			out.append(String.format("%s: %d malformed requests in %.1f s, seed %d%n", title, this.total,
					(System.nanoTime() - this.started) / 1e9, seed));
			out.append(String.format("%-34s %6s %6s %6s %6s %6s %6s%n", "endpoint", "none", "1xx", "2xx", "3xx",
					"4xx", "5xx"));
			int[] sums = new int[6];
			this.rows.forEach((endpoint, counts) -> {
				out.append(String.format("%-34s %6d %6d %6d %6d %6d %6d%n", endpoint, counts[0], counts[1], counts[2],
						counts[3], counts[4], counts[5]));
				for (int i = 0; i < 6; i++) {
					sums[i] += counts[i];
				}
			});
			out.append(String.format("%-34s %6d %6d %6d %6d %6d %6d%n", "all", sums[0], sums[1], sums[2], sums[3],
					sums[4], sums[5]));
			return out.toString();
		}

	}

	/**
	 * A near-valid request to one endpoint. {@code query} and {@code body} are raw (already encoded); headers carry
	 * the session cookie or credentials that get the request past sign-in.
	 */
	public record Endpoint(String name, String method, String path, String query, String contentType, String body,
			Map<String, String> headers) {

		public static Endpoint get(String name, String path, String query, Map<String, String> headers) {
			return new Endpoint(name, "GET", path, query, null, "", headers);
		}

		public static Endpoint form(String name, String method, String path, String body, Map<String, String> headers) {
			return new Endpoint(name, method, path, "", "application/x-www-form-urlencoded", body, headers);
		}

		public static Endpoint json(String name, String method, String path, String body, Map<String, String> headers) {
			return new Endpoint(name, method, path, "", "application/json", body, headers);
		}

	}

	public record Request(String endpoint, String mutations, byte[] bytes) {

		/** The request line and the first of its headers, for a failure message. */
		public String describe() {
			String text = new String(this.bytes, StandardCharsets.ISO_8859_1);
			return this.endpoint + " [" + this.mutations + "]: " + text.substring(0, Math.min(text.length(), 400));
		}

	}

	public record Answer(int status, String text) {

		static Answer parse(byte[] raw) {
			String text = new String(raw, StandardCharsets.ISO_8859_1);
			if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
				return new Answer(0, text);
			}
			return new Answer(Integer.parseInt(text.substring(9, 12)), text);
		}

		/** Where the answer leaks, or how it starts: for a failure message. */
		public String excerpt() {
			String leak = leak();
			int at = (leak != null) ? this.text.indexOf(leak) : 0;
			return this.text.substring(Math.max(0, at - 150), Math.min(this.text.length(), at + 250));
		}

		/** The first leak marker the answer contains, or null. */
		public String leak() {
			return LEAKS.stream().filter(this.text::contains).findFirst().orElse(null);
		}

	}

	private record Mutation(String name, BiConsumer<Draft, Random> apply) {
	}

	/** A request being mutated. */
	private static final class Draft {

		String method;

		String path;

		String query;

		String contentType;

		String body;

		String hostHeader;

		final Map<String, String> headers;

		Draft(Endpoint endpoint, String host) {
			this.method = endpoint.method();
			this.path = endpoint.path();
			this.query = endpoint.query();
			this.contentType = endpoint.contentType();
			this.body = endpoint.body();
			this.hostHeader = host;
			this.headers = new LinkedHashMap<>(endpoint.headers());
		}

		/** Edits one parameter of the query or the form body, whichever has any; false when neither has. */
		boolean editParams(Random random, BiConsumer<List<String>, Integer> edit) {
			boolean inQuery = !this.query.isEmpty() && (this.body.isEmpty() || isJson() || random.nextBoolean());
			if (!inQuery && (this.body.isEmpty() || isJson())) {
				return false;
			}
			List<String> params = new ArrayList<>(List.of((inQuery ? this.query : this.body).split("&")));
			edit.accept(params, random.nextInt(params.size()));
			String joined = String.join("&", params);
			if (inQuery) {
				this.query = joined;
			}
			else {
				this.body = joined;
			}
			return true;
		}

		/** Puts bad bytes into the path, the query or the body, at a random place. */
		void spoil(Random random, String bad) {
			switch (random.nextInt(3)) {
				case 0 -> this.path = this.path + bad;
				case 1 -> this.query = insert(random, this.query, bad);
				default -> this.body = insert(random, this.body, bad);
			}
		}

		private boolean isJson() {
			return this.body.startsWith("{") || this.body.startsWith("[");
		}

		private static String insert(Random random, String text, String bad) {
			int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
			return text.substring(0, at) + bad + text.substring(at);
		}

		byte[] render() {
			StringBuilder head = new StringBuilder();
			head.append(this.method).append(' ').append(this.path);
			if (!this.query.isEmpty()) {
				head.append('?').append(this.query);
			}
			head.append(" HTTP/1.1\r\n");
			if (this.hostHeader != null) {
				head.append("Host: ").append(this.hostHeader).append("\r\n");
			}
			this.headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
			if (this.contentType != null) {
				head.append("Content-Type: ").append(this.contentType).append("\r\n");
			}
			byte[] body = this.body.getBytes(StandardCharsets.ISO_8859_1);
			if (body.length > 0 || !"GET".equals(this.method)) {
				head.append("Content-Length: ").append(body.length).append("\r\n");
			}
			head.append("Connection: close\r\n\r\n");
			byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
			byte[] all = new byte[start.length + body.length];
			System.arraycopy(start, 0, all, 0, start.length);
			System.arraycopy(body, 0, all, start.length, body.length);
			return all;
		}

	}

	private static String name(String param) {
		int eq = param.indexOf('=');
		return (eq < 0) ? param : param.substring(0, eq);
	}

	@SafeVarargs
	private static <T> T pick(Random random, T... choices) {
		return choices[random.nextInt(choices.length)];
	}

	private static int pickInt(Random random, int... choices) {
		return choices[random.nextInt(choices.length)];
	}

	private static String b64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.ISO_8859_1));
	}

	private static String jwt(String header, String claims) {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		return encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		int read;
		try {
			while ((read = in.read(buffer)) != -1 && out.size() < 2_000_000) {
				out.write(buffer, 0, read);
			}
		}
		catch (IOException ex) {
			// A reset after the answer was written still leaves the answer.
			if (out.size() == 0) {
				throw ex;
			}
		}
		return out.toByteArray();
	}

}
