import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Measures a running Portcullis IdP (started by bench/run.sh): the public endpoints, the token grants, the browser
 * sign-in, the single sign-on hop to a second app and refresh-token rotation. For each operation it prints ops/s,
 * latency percentiles, errors and the IdP's own CPU time per successful operation, read from /proc, which is the
 * figure that survives a noisy shared machine best. JDK only, so it runs as {@code java bench/Bench.java}.
 *
 * <pre>
 * java bench/Bench.java --base=http://localhost:19500 --pid=1234 [--clk-tck=100] [--ready-ms=8000]
 *     [--quick] [--warmup=5] [--duration=10] [--concurrency=16] [--flow-concurrency=4] [--no-warm-pass]
 *     [--only=discovery,sso-hop/4,...] [--growth [--sessions=1,100,1000]] [--grants-stored=10000]
 *     [--hash-classpath=PATH] [--settle=60] [--vs-base=URL --vs-pid=PID [--rounds=5]]
 * </pre>
 *
 * With {@code --vs-base} and {@code --vs-pid} it compares two IdPs up at once (A at --base, B at --vs-base): each
 * operation runs in alternating measured windows on one and the other, and B's median CPU per operation is given as
 * a ratio to A's. On this shared machine, whose speed drifts by half within an hour, that is the comparison that
 * holds; separate runs minutes apart do not. run.sh's {@code --vs=JAR} starts the second IdP.
 *
 * Sign-in's cost is also printed as "hash + the rest", the form of its goal. The hash is the IdP's own count of the
 * CPU its password hashing took in the measured window ({@code portcullis_password_hashing_cpu_seconds_total}, which
 * run.sh lets the public port serve): the same hashes, at the same moment, as the sign-ins measured. With
 * {@code --hash-classpath} (the IdP's classes and libraries; run.sh passes them) the hash is also timed alone in this
 * process, one thread, warm, for comparison, and stands in for the IdP's count where an older build has none. The
 * two differ: the shared machine's speed moved the hash alone by 16-22 ms between runs minutes apart.
 *
 * {@code --grants-stored} is one size of run.sh's grant growth (run.sh seeds the rows and calls this once per size):
 * it says how many grants the IdP holds and measures the operations that look grants up or add to them.
 *
 * Columns: ops/s and latency of successful operations (a flow counts as one, from its first request to its tokens);
 * CPU ms/op is the IdP's user+system CPU during the measured window divided by the successful operations; w/o JIT
 * is the same without the CPU of the JIT compiler threads, the cost once the JIT is warm (an upper bound: code the
 * JIT has not finished runs slower than it will), for windows the JIT has not left yet: C2 was still compiling
 * sign-in's code after six minutes of sign-ins (7% of the CPU) and introspection's after ninety seconds (9-15%),
 * longer than a benchmark can wait, and its share varies from run to run. sessions
 * is how many live SSO sessions of alice this run had made when the window began; JIT % and GC % are the shares of
 * that CPU spent by the JIT compiler threads and the garbage collector (a JIT % above a few means the code was not yet
 * warm); warm s is how long the operation ran unmeasured right before its window: the warm-up, stretched by up to
 * {@code --settle} seconds (60; 0 with --quick) while the JIT was still busy: a sign-in runs through more code
 * than any other operation at the lowest rate, and after 25 s the JIT still took 23% of its window. Unless --quick
 * or --no-warm-pass, every selected operation first runs once for its warm-up time unmeasured, so that the JIT has
 * compiled what they share before any is measured.
 */
public class Bench {

	static final String REDIRECT_URI = "http://127.0.0.1:1/cb"; // never contacted: only the Location is read

	static final String USERNAME = "alice";

	static final String PASSWORD = "alice-password";

	static final SecureRandom RANDOM = new SecureRandom();

	static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1) // plain http: no h2c upgrade attempt on every new connection
		.followRedirects(HttpClient.Redirect.NEVER) // each hop of the flows is checked, and cookies handled, here
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	final URI base;

	final long pid;

	final int clockTicks;

	final int warmupSeconds;

	final int durationSeconds;

	/** Sign-ins made by this run so far: every one leaves a live SSO session of alice, which the hop may feel. */
	final AtomicInteger signIns = new AtomicInteger();

	boolean anyErrors;

	/** CPU ms per operation of each measured operation, by name/concurrency. */
	final Map<String, Double> cpuMsPerOp = new LinkedHashMap<>();

	/** Of that, the password hashing's, as the IdP counted it, where it did. */
	final Map<String, Double> hashCpuMsPerOp = new LinkedHashMap<>();

	/** The most a measured window's warm-up is stretched while the JIT is still busy ({@link #settle}). */
	int settleSeconds;

	/** "A" or "B" before each operation's name when two IdPs are compared ({@link #compare}). */
	String label = "";

	/** CPU ms per operation in one measured window, with and without the JIT compiler threads. */
	record Window(double cpuMsPerOp, double withoutJitMsPerOp) {
	}

	Bench(URI base, long pid, int clockTicks, int warmupSeconds, int durationSeconds) {
		this.base = base;
		this.pid = pid;
		this.clockTicks = clockTicks;
		this.warmupSeconds = warmupSeconds;
		this.durationSeconds = durationSeconds;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> opts = parse(args);
		boolean quick = opts.containsKey("quick");
		URI base = loopback(opts.getOrDefault("base", "http://localhost:19500"));
		Bench bench = new Bench(base, Long.parseLong(required(opts, "pid")),
				Integer.parseInt(opts.getOrDefault("clk-tck", "100")),
				Integer.parseInt(opts.getOrDefault("warmup", quick ? "1" : "5")),
				Integer.parseInt(opts.getOrDefault("duration", quick ? "2" : "10")));
		bench.settleSeconds = Integer.parseInt(opts.getOrDefault("settle", quick ? "0" : "60"));
		Bench vs = null;
		if (opts.containsKey("vs-pid")) {
			if (opts.containsKey("growth") || opts.containsKey("grants-stored")) {
				throw new IllegalArgumentException("--vs-pid compares the operations, not growth or grant sizes");
			}
			vs = new Bench(loopback(required(opts, "vs-base")), Long.parseLong(opts.get("vs-pid")), bench.clockTicks,
					bench.warmupSeconds, bench.durationSeconds);
			// Both meet the same JIT in alternating windows, and w/o JIT says the rest: no stretching unless asked.
			bench.settleSeconds = Integer.parseInt(opts.getOrDefault("settle", "0"));
			vs.settleSeconds = bench.settleSeconds;
			bench.label = "A ";
			vs.label = "B ";
		}
		int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "16"));
		int flowConcurrency = Integer.parseInt(opts.getOrDefault("flow-concurrency", "4"));
		boolean grants = opts.containsKey("grants-stored");
		Set<String> only = opts.containsKey("only") ? Set.of(opts.get("only").split(","))
				: grants ? Set.of("client-credentials", "introspection", "refresh", "sso-hop/" + flowConcurrency)
						: null;
		List<Operation<?>> operations = bench.operations(concurrency, flowConcurrency);
		Set<String> names = operations.stream()
			.flatMap(o -> Stream.of(o.name(), o.name() + "/" + o.concurrency()))
			.collect(Collectors.toCollection(TreeSet::new));
		if (only != null && !names.containsAll(only)) {
			throw new IllegalArgumentException("--only takes some of " + names);
		}

		System.out.printf("target %s, IdP pid %d, warm-up %d s, measured %d s per operation%n", base, bench.pid,
				bench.warmupSeconds, bench.durationSeconds);
		if (vs != null) {
			System.out.printf("compared with %s, IdP pid %d (B, RSS %d MiB), %s rounds of alternating windows per "
					+ "operation%n", vs.base, vs.pid, vs.rssMiB(), opts.getOrDefault("rounds", quick ? "1" : "5"));
		}
		if (opts.containsKey("ready-ms")) {
			System.out.printf("start-to-ready     %.1f s%n", Long.parseLong(opts.get("ready-ms")) / 1000.0);
		}
		System.out.printf("RSS at ready       %d MiB%n", bench.rssMiB());
		if (!quick) {
			// At ready the JIT is still compiling start-up code, and HotSpot keeps the compilers' freed scratch
			// chunks in a pool that a periodic task empties every 5 s (no option changes that): up to 20 MiB of RSS
			// at ready that is gone two of its ticks later. The idle figure is read after those.
			Thread.sleep(10_000);
			System.out.printf("RSS 10 s later     %d MiB (idle)%n", bench.rssMiB());
		}
		if (grants) {
			System.out.printf("grants stored      %,d%n", Long.parseLong(opts.get("grants-stored")));
		}
		header();
		if (vs != null) {
			List<Operation<?>> a = selected(operations, only);
			List<Operation<?>> b = selected(vs.operations(concurrency, flowConcurrency), only);
			if (!quick && !opts.containsKey("no-warm-pass")) {
				for (int i = 0; i < a.size(); i++) {
					bench.warm(a.get(i), bench.warmupSeconds);
					vs.warm(b.get(i), vs.warmupSeconds);
				}
			}
			int rounds = Integer.parseInt(opts.getOrDefault("rounds", quick ? "1" : "5"));
			for (int i = 0; i < a.size(); i++) {
				compare(bench, a.get(i), vs, b.get(i), rounds);
			}
			System.out.printf("RSS at end         %d MiB (A), %d MiB (B)%n", bench.rssMiB(), vs.rssMiB());
			System.exit(bench.anyErrors || vs.anyErrors ? 1 : 0);
		}
		if (opts.containsKey("growth")) {
			List<Integer> sizes = Arrays.stream(opts.getOrDefault("sessions", "1,100,1000").split(","))
				.map(Integer::parseInt)
				.toList();
			bench.growth(sizes, flowConcurrency);
		}
		else {
			// run.sh starts the IdP afresh for every grant size: its first operation gets a longer warm-up, so the
			// figures are of warm code, not of how fast the JIT caught up.
			int warmup = grants ? 3 * bench.warmupSeconds : bench.warmupSeconds;
			List<Operation<?>> selected = selected(operations, only);
			if (!quick && !opts.containsKey("no-warm-pass")) {
				// One pass over every selected operation before any is measured: the JIT compiles what they share
				// (Tomcat, the filter chains, H2) while the first ones run, and its CPU (a third of the process's
				// in a 5 s warm-up) would otherwise land in their measured windows. The JIT % column says how
				// much was still left.
				for (Operation<?> operation : selected) {
					bench.warm(operation, warmup);
				}
			}
			for (Operation<?> operation : selected) {
				bench.measure(operation, warmup);
				warmup = bench.warmupSeconds;
			}
		}
		System.out.printf("RSS at end         %d MiB%n", bench.rssMiB());
		Double signIn = bench.cpuMsPerOp.get("sign-in/" + flowConcurrency);
		if (signIn != null && opts.containsKey("hash-classpath") && !quick) {
			double hash = passwordHashCpuMs(opts.get("hash-classpath"));
			Double inIdp = bench.hashCpuMsPerOp.get("sign-in/" + flowConcurrency);
			System.out.printf("password hash      %.1f ms CPU alone (the IdP's Argon2id, one thread, warm)%s: sign-in = "
					+ "hash + %.1f ms%n", hash, inIdp == null ? "" : String.format(", %.1f ms in the IdP", inIdp),
					signIn - (inIdp == null ? hash : inIdp));
		}
		System.exit(bench.anyErrors ? 1 : 0);
	}

	static List<Operation<?>> selected(List<Operation<?>> operations, Set<String> only) {
		return operations.stream()
			.filter(o -> only == null || only.contains(o.name()) || only.contains(o.name() + "/" + o.concurrency()))
			.toList();
	}

	/**
	 * One operation on two IdPs up at once, in alternating measured windows (A then B, then B then A, ...), so that
	 * both meet the same moments of a shared machine whose speed drifts by half within an hour: the only comparison
	 * of CPU per operation that held still here. Prints each window, then the medians and B's ratio to A.
	 */
	static <S, T> void compare(Bench a, Operation<S> onA, Bench b, Operation<T> onB, int rounds) throws Exception {
		List<Window> windowsA = new ArrayList<>();
		List<Window> windowsB = new ArrayList<>();
		int bCheaper = 0;
		for (int round = 0; round < rounds; round++) {
			// The first window of each gets the longer warm-up of a first operation.
			int warmup = round == 0 ? 3 * a.warmupSeconds : a.warmupSeconds;
			Window windowA;
			Window windowB;
			if (round % 2 == 0) {
				windowA = a.measure(onA, warmup);
				windowB = b.measure(onB, warmup);
			}
			else {
				windowB = b.measure(onB, warmup);
				windowA = a.measure(onA, warmup);
			}
			if (windowA == null || windowB == null) {
				return; // setup failed; measure said why
			}
			windowsA.add(windowA);
			windowsB.add(windowB);
			if (windowB.withoutJitMsPerOp() < windowA.withoutJitMsPerOp()) {
				bCheaper++;
			}
		}
		double cpuA = median(windowsA, Window::cpuMsPerOp);
		double cpuB = median(windowsB, Window::cpuMsPerOp);
		double bareA = median(windowsA, Window::withoutJitMsPerOp);
		double bareB = median(windowsB, Window::withoutJitMsPerOp);
		System.out.printf("    B/A %s/%d: CPU %.2f (medians %.3f / %.3f ms), w/o JIT %.2f (%.3f / %.3f); B cheaper w/o "
				+ "JIT in %d of %d rounds%n", onA.name(), onA.concurrency(), cpuB / cpuA, cpuA, cpuB, bareB / bareA,
				bareA, bareB, bCheaper, rounds);
	}

	static double median(List<Window> windows, ToDoubleFunction<Window> figure) {
		double[] values = windows.stream().mapToDouble(figure).sorted().toArray();
		int middle = values.length / 2;
		return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

	/**
	 * In this order on purpose: every sign-in leaves a live session, and the hop is sensitive to how many the person
	 * has, so the operations that sign in many times (sign-in itself) come after the hop. The sessions column says
	 * how many there were.
	 */
	List<Operation<?>> operations(int concurrency, int flowConcurrency) throws Exception {
		HttpRequest discovery = get("/.well-known/openid-configuration", Map.of()).build();
		HttpRequest jwks = get("/oauth2/jwks", Map.of()).build();
		HttpRequest clientCredentials = post("/oauth2/token", Bench.Client.BENCH,
				form("grant_type", "client_credentials", "scope", "bench.read")).build();
		return List.of(
				new Operation<>("discovery", concurrency, w -> null, s -> expect("discovery", send(discovery), 200)),
				new Operation<>("jwks", concurrency, w -> null, s -> expect("jwks", send(jwks), 200)),
				new Operation<>("client-credentials", concurrency, w -> null,
						s -> expect("token", send(clientCredentials), 200)),
				// the access token is fetched when the operation starts: tokens live 5 minutes, a full run longer
				new Operation<>("introspection", concurrency, w -> introspectionRequest(), this::introspect),
				new Operation<>("sso-hop", flowConcurrency, w -> signIn().cookies(), this::hop),
				new Operation<>("sso-hop", concurrency, w -> signIn().cookies(), this::hop),
				new Operation<>("refresh", concurrency,
						w -> new String[] { jsonString(signIn().tokens(), "refresh_token") }, this::refresh),
				new Operation<>("sign-in", flowConcurrency, w -> null, s -> signIn()));
	}

	/**
	 * The hop at a growing number of live sessions of the same person. The workers share one signed-in browser
	 * session (one person, several tabs), so at size 1 there is exactly one; the others are plain sign-ins whose
	 * cookies are dropped, as a person who signs in on many devices and never signs out.
	 */
	void growth(List<Integer> sizes, int concurrency) throws Exception {
		Cookies shared = signIn().cookies();
		// the first size gets a longer warm-up: a colder JIT there would flatter the ratio to the later sizes
		int warmup = 3 * this.warmupSeconds;
		for (int size : sizes) {
			int missing = size - this.signIns.get();
			if (missing > 0) {
				long start = System.nanoTime();
				parallel(concurrency, missing, this::login);
				System.out.printf("# %d more sign-ins in %.1f s%n", missing, (System.nanoTime() - start) / 1e9);
			}
			measure(new Operation<>("sso-hop", concurrency, w -> shared, this::hop), warmup);
			warmup = this.warmupSeconds;
		}
	}

	// ---- the operations ------------------------------------------------------------------------------------

	/** Browser sign-in at the first app, through the authorization endpoint, ending with its tokens. */
	SignedIn signIn() throws Exception {
		Cookies cookies = new Cookies();
		Pkce pkce = new Pkce();
		HttpResponse<String> authorize = send(get("/oauth2/authorize", pkce.params(Client.BENCH_A)), cookies);
		URI login = location("authorize (no session)", authorize, "/login");
		String csrf = csrfOf(send(get(login), cookies));
		HttpResponse<String> posted = send(post("/login", null, form("username", USERNAME, "password", PASSWORD,
				"_csrf", csrf)), cookies);
		URI back = location("POST /login", posted, "/oauth2/authorize");
		this.signIns.incrementAndGet();
		String code = pkce.code(location("authorize (signed in)", send(get(back), cookies), REDIRECT_URI));
		return new SignedIn(cookies, pkce.exchange(Client.BENCH_A, code));
	}

	/** A sign-in without any app, to make one more live session cheaply. */
	void login() throws Exception {
		Cookies cookies = new Cookies();
		String csrf = csrfOf(send(get("/login", Map.of()), cookies));
		HttpResponse<String> posted = send(post("/login", null, form("username", USERNAME, "password", PASSWORD,
				"_csrf", csrf)), cookies);
		URI next = location("POST /login", posted, "/");
		if (next.getPath().startsWith("/login")) { // "?error" or "?locked"
			throw new Failure("POST /login", posted.statusCode(), "redirected to " + next);
		}
		this.signIns.incrementAndGet();
	}

	/** The single sign-on hop: the second app gets a code straight away with the session cookie, then tokens. */
	void hop(Cookies session) throws Exception {
		Pkce pkce = new Pkce();
		HttpResponse<String> authorize = send(get("/oauth2/authorize", pkce.params(Client.BENCH_B)), session);
		pkce.exchange(Client.BENCH_B, pkce.code(location("authorize (hop)", authorize, REDIRECT_URI)));
	}

	/** Rotation: each answer carries the next refresh token and the one just used is spent, so keep the newest. */
	void refresh(String[] latest) throws Exception {
		HttpResponse<String> response = send(post("/oauth2/token", Client.BENCH_A,
				form("grant_type", "refresh_token", "refresh_token", latest[0])).build());
		expect("refresh", response, 200);
		latest[0] = jsonString(response.body(), "refresh_token");
	}

	HttpRequest introspectionRequest() throws Exception {
		HttpResponse<String> token = send(post("/oauth2/token", Client.BENCH,
				form("grant_type", "client_credentials", "scope", "bench.read")).build());
		expect("token", token, 200);
		return post("/oauth2/introspect", Client.BENCH, form("token", jsonString(token.body(), "access_token")))
			.build();
	}

	void introspect(HttpRequest request) throws Exception {
		HttpResponse<String> response = send(request);
		expect("introspect", response, 200);
		if (!response.body().contains("\"active\":true")) {
			throw new Failure("introspect", response.statusCode(), response.body());
		}
	}

	// ---- measuring -------------------------------------------------------------------------------------------

	<S> Window measure(Operation<S> operation) throws Exception {
		return measure(operation, this.warmupSeconds);
	}

	/** One operation run for {@code seconds} and not measured (errors are still reported). */
	<S> void warm(Operation<S> operation, int seconds) throws Exception {
		measure(operation, seconds, false);
	}

	<S> Window measure(Operation<S> operation, int warmupSeconds) throws Exception {
		return measure(operation, warmupSeconds, true);
	}

	/**
	 * One operation: per-worker setup (not measured), warm-up, then the measured window, whose figures it prints and
	 * returns (null when not measured or its setup failed).
	 */
	<S> Window measure(Operation<S> operation, int warmupSeconds, boolean measured) throws Exception {
		List<S> states = new ArrayList<>();
		List<Future<S>> prepared = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(operation.concurrency());
		try {
			for (int i = 0; i < operation.concurrency(); i++) {
				int worker = i;
				prepared.add(pool.submit(() -> operation.prepare().prepare(worker)));
			}
			for (Future<S> state : prepared) {
				states.add(state.get());
			}
			Result warm = run(pool, operation, states, warmupSeconds);
			if (warm.errors() > 0) { // not in the figures, but a sign that the measured ones may be off
				System.out.printf("    %d errors in warm-up, first: %s%n", warm.errors(), warm.firstError());
				this.anyErrors = true;
			}
			if (!measured) {
				return null;
			}
			int warmed = warmupSeconds + settle(pool, operation, states);
			int sessions = this.signIns.get();
			double[] hashingBefore = hashing();
			VmTicks vmBefore = vmThreadTicks();
			long cpuBefore = cpuTicks();
			long start = System.nanoTime();
			Result result = run(pool, operation, states, this.durationSeconds);
			double seconds = (System.nanoTime() - start) / 1e9; // until the last started operation ended
			long cpuTicks = cpuTicks() - cpuBefore;
			VmTicks vmAfter = vmThreadTicks();
			double[] hashingAfter = hashing();
			long[] sorted = result.latencies();
			Arrays.sort(sorted);
			long jitTicks = vmAfter.jitSince(vmBefore);
			double cpuMsPerOp = msPerOp(cpuTicks, sorted.length);
			double withoutJitMsPerOp = msPerOp(cpuTicks - jitTicks, sorted.length);
			this.cpuMsPerOp.put(operation.name() + "/" + operation.concurrency(), cpuMsPerOp);
			System.out.printf("%-20s %5d %9.1f %9.2f %9.2f %10.2f %10.2f %7d %9d %6.0f %5.0f %6d%n", this.label + operation.name(),
					operation.concurrency(), sorted.length / seconds, percentile(sorted, 0.50),
					percentile(sorted, 0.99), cpuMsPerOp, withoutJitMsPerOp, result.errors(), sessions,
					share(jitTicks, cpuTicks), share(vmAfter.gcSince(vmBefore), cpuTicks), warmed);
			if (hashingBefore != null && hashingAfter != null && hashingAfter[1] > hashingBefore[1]
					&& sorted.length > 0) {
				double hashMs = (hashingAfter[0] - hashingBefore[0]) * 1000 / sorted.length;
				this.hashCpuMsPerOp.put(operation.name() + "/" + operation.concurrency(), hashMs);
				System.out.printf("    of which password hashing %.2f ms (%.0f hashes, as the IdP counted them): "
						+ "the rest %.2f ms, %.2f without the JIT%n", hashMs, hashingAfter[1] - hashingBefore[1],
						cpuMsPerOp - hashMs, withoutJitMsPerOp - hashMs);
			}
			if (result.errors() > 0) {
				System.out.println("    first error: " + result.firstError());
				this.anyErrors = true;
			}
			return new Window(cpuMsPerOp, withoutJitMsPerOp);
		}
		catch (ExecutionException ex) {
			// setup failed, so the operation cannot run at all: say why and go on with the next one
			System.out.printf("%-20s %5d  setup failed: %s%n", this.label + operation.name(), operation.concurrency(),
					describe(ex.getCause()));
			this.anyErrors = true;
			return null;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * "Warm JIT", checked rather than assumed: after the warm-up, the operation goes on unmeasured in 2 s steps
	 * while the JIT compiler threads took more than 5% of the IdP's CPU in the last step, for at most
	 * {@code settleSeconds}. Returns the seconds added. A flow runs through more code than a single request, and
	 * a fixed warm-up left its measured window with 10-20% of JIT work, whose share varied run to run.
	 */
	<S> int settle(ExecutorService pool, Operation<S> operation, List<S> states) throws Exception {
		int added = 0;
		while (added < this.settleSeconds) {
			VmTicks vmBefore = vmThreadTicks();
			long cpuBefore = cpuTicks();
			Result step = run(pool, operation, states, 2);
			added += 2;
			if (step.errors() > 0) {
				System.out.printf("    %d errors in warm-up, first: %s%n", step.errors(), step.firstError());
				this.anyErrors = true;
			}
			if (share(vmThreadTicks().jitSince(vmBefore), cpuTicks() - cpuBefore) <= 5) {
				break;
			}
		}
		return added;
	}

	/**
	 * The IdP's own count of password hashing so far: CPU seconds and hashes ({@code users.MeteredPasswordEncoder},
	 * served at /actuator/prometheus because run.sh sets portcullis.metrics.public-port), or null where the IdP does
	 * not serve them (an older build).
	 */
	double[] hashing() {
		try {
			HttpResponse<String> response = send(HttpRequest.newBuilder(this.base.resolve("/actuator/prometheus")).build());
			if (response.statusCode() != 200) {
				return null;
			}
			double cpu = Double.NaN;
			double hashes = 0;
			for (String line : response.body().split("\n")) {
				if (line.startsWith("portcullis_password_hashing_cpu_seconds_total")) {
					cpu = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
				}
				else if (line.startsWith("portcullis_password_hashes_seconds_count")) {
					hashes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
				}
			}
			return Double.isNaN(cpu) ? null : new double[] { cpu, hashes };
		}
		catch (IOException | InterruptedException | NumberFormatException ex) {
			return null;
		}
	}

	<S> Result run(ExecutorService pool, Operation<S> operation, List<S> states, int seconds) throws Exception {
		AtomicBoolean running = new AtomicBoolean(true);
		List<Future<Result>> futures = new ArrayList<>();
		for (S state : states) {
			futures.add(pool.submit(() -> {
				long[] latencies = new long[1024];
				int count = 0;
				int errors = 0;
				String firstError = null;
				while (running.get()) {
					long start = System.nanoTime();
					try {
						operation.once().run(state);
					}
					catch (Exception ex) {
						errors++;
						firstError = (firstError == null) ? describe(ex) : firstError;
						continue;
					}
					if (count == latencies.length) {
						latencies = Arrays.copyOf(latencies, count * 2);
					}
					latencies[count++] = System.nanoTime() - start;
				}
				return new Result(Arrays.copyOf(latencies, count), errors, firstError);
			}));
		}
		Thread.sleep(seconds * 1000L);
		running.set(false);
		List<long[]> latencies = new ArrayList<>();
		int errors = 0;
		String firstError = null;
		for (Future<Result> future : futures) {
			Result result = future.get();
			latencies.add(result.latencies());
			errors += result.errors();
			firstError = (firstError == null) ? result.firstError() : firstError;
		}
		return new Result(latencies.stream().flatMapToLong(Arrays::stream).toArray(), errors, firstError);
	}

	/** Runs {@code task} {@code times} times on {@code concurrency} threads; fails on the first failure. */
	static void parallel(int concurrency, int times, Task task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(concurrency);
		try {
			AtomicInteger left = new AtomicInteger(times);
			List<Future<Void>> futures = new ArrayList<>();
			for (int i = 0; i < concurrency; i++) {
				futures.add(pool.submit(() -> {
					while (left.getAndDecrement() > 0) {
						task.run();
					}
					return null;
				}));
			}
			for (Future<Void> future : futures) {
				future.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** utime + stime of the IdP process, in clock ticks (fields 14 and 15; the name in field 2 may hold spaces). */
	long cpuTicks() throws IOException {
		String stat = Files.readString(Path.of("/proc/" + this.pid + "/stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // fields[0] is field 3
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	/**
	 * CPU ticks so far of the IdP's JIT compiler threads and of its garbage collector (Serial GC collects in the
	 * VM thread), from /proc/PID/task: how much of a window's CPU was not the requests' own work.
	 */
	VmTicks vmThreadTicks() throws IOException {
		Map<String, Long> jit = new HashMap<>();
		Map<String, Long> gc = new HashMap<>();
		try (Stream<Path> tasks = Files.list(Path.of("/proc/" + this.pid + "/task"))) {
			for (Path task : tasks.toList()) {
				try {
					String name = Files.readString(task.resolve("comm")).strip();
					boolean compiler = name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
					boolean collector = name.equals("VM Thread") || name.startsWith("GC Thread")
							|| name.startsWith("G1 ");
					if (compiler || collector) {
						String stat = Files.readString(task.resolve("stat"));
						String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
						long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
						(compiler ? jit : gc).put(task.getFileName().toString(), ticks);
					}
				}
				catch (IOException ex) {
					// the thread ended meanwhile (the JVM stops idle compiler threads)
				}
			}
		}
		return new VmTicks(jit, gc);
	}

	/**
	 * CPU ticks so far of the JIT compiler threads and of the collector's, by thread id. The JVM starts compiler
	 * threads beyond the first of each kind when its queue grows and stops them when idle: a window's share is the
	 * sum of each thread's growth, so a thread that ended loses only its own last ticks instead of making the sum
	 * shrink (with {@code -XX:CICompilerCount=3} the sum of the threads alive read less after a window than before).
	 */
	record VmTicks(Map<String, Long> jit, Map<String, Long> gc) {

		long jitSince(VmTicks before) {
			return growth(before.jit, this.jit);
		}

		long gcSince(VmTicks before) {
			return growth(before.gc, this.gc);
		}

		static long growth(Map<String, Long> before, Map<String, Long> after) {
			long sum = 0;
			for (Map.Entry<String, Long> thread : after.entrySet()) {
				sum += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
			}
			return sum;
		}

	}

	static double share(long part, long whole) {
		return whole <= 0 ? 0 : 100.0 * Math.max(0, part) / whole;
	}

	long rssMiB() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + this.pid + "/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
			}
		}
		return -1;
	}

	double msPerOp(long ticks, int operations) {
		return operations == 0 ? 0 : ticks * 1000.0 / this.clockTicks / operations;
	}

	static void header() {
		System.out.printf("%-20s %5s %9s %9s %9s %10s %10s %7s %9s %6s %5s %6s%n", "operation", "conc", "ops/s",
				"p50 ms", "p99 ms", "CPU ms/op", "w/o JIT", "errors", "sessions", "JIT %", "GC %", "warm s");
	}

	static double percentile(long[] sorted, double p) {
		return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
	}

	// ---- HTTP ------------------------------------------------------------------------------------------------

	enum Client {

		BENCH("bench", "bench-secret"), BENCH_A("bench-a", "bench-a-secret"), BENCH_B("bench-b", "bench-b-secret");

		final String id;

		final String basic;

		Client(String id, String secret) {
			this.id = id;
			this.basic = "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
		}

	}

	/** One authorization request's PKCE verifier, state and nonce, and its code exchange. */
	final class Pkce {

		final String verifier = random(32);

		final String state = random(16);

		final String nonce = random(16);

		Map<String, String> params(Client client) throws Exception {
			byte[] challenge = MessageDigest.getInstance("SHA-256").digest(this.verifier.getBytes(StandardCharsets.US_ASCII));
			Map<String, String> params = new LinkedHashMap<>();
			params.put("response_type", "code");
			params.put("client_id", client.id);
			params.put("redirect_uri", REDIRECT_URI);
			params.put("scope", "openid profile");
			params.put("state", this.state);
			params.put("nonce", this.nonce);
			params.put("code_challenge", Base64.getUrlEncoder().withoutPadding().encodeToString(challenge));
			params.put("code_challenge_method", "S256");
			return params;
		}

		/** The code from the redirect to the app, after checking the state came back unchanged. */
		String code(URI redirect) throws Failure {
			Map<String, String> query = query(redirect);
			if (!this.state.equals(query.get("state")) || query.get("code") == null) {
				throw new Failure("redirect to app", 302, "no code or wrong state: " + redirect);
			}
			return query.get("code");
		}

		/** The token response's body; it must hold an ID token. */
		String exchange(Client client, String code) throws Exception {
			HttpResponse<String> response = send(post("/oauth2/token", client, form("grant_type", "authorization_code",
					"code", code, "redirect_uri", REDIRECT_URI, "code_verifier", this.verifier)).build());
			expect("code exchange", response, 200);
			if (!response.body().contains("\"id_token\"")) {
				throw new Failure("code exchange", 200, "no id_token: " + response.body());
			}
			return response.body();
		}

	}

	/**
	 * A browser's cookies for the IdP. Everything is one host and path, so name to value is enough, and it avoids
	 * java.net.CookieManager's domain rules, which trip over "localhost".
	 */
	static final class Cookies {

		final Map<String, String> values = new ConcurrentHashMap<>();

		String header() {
			return this.values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
		}

		void store(HttpResponse<?> response) {
			for (String cookie : response.headers().allValues("Set-Cookie")) {
				String pair = cookie.split(";", 2)[0];
				int eq = pair.indexOf('=');
				String name = pair.substring(0, eq).trim();
				String value = pair.substring(eq + 1).trim();
				if (value.isEmpty() || cookie.toLowerCase().contains("max-age=0")) {
					this.values.remove(name);
				}
				else {
					this.values.put(name, value);
				}
			}
		}

	}

	HttpRequest.Builder get(String path, Map<String, String> params) {
		String query = params.isEmpty() ? "" : "?" + params.entrySet()
			.stream()
			.map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
		return get(this.base.resolve(path + query));
	}

	static HttpRequest.Builder get(URI uri) {
		return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
	}

	HttpRequest.Builder post(String path, Client client, String form) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(this.base.resolve(path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		return (client == null) ? builder : builder.header("Authorization", client.basic);
	}

	static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** As a browser: with its cookies, and asking for HTML, without which the IdP answers 401, not its sign-in page. */
	static HttpResponse<String> send(HttpRequest.Builder request, Cookies cookies) throws IOException, InterruptedException {
		request.header("Accept", "text/html,application/xhtml+xml");
		if (!cookies.values.isEmpty()) {
			request.header("Cookie", cookies.header());
		}
		HttpResponse<String> response = send(request.build());
		cookies.store(response);
		return response;
	}

	static void expect(String step, HttpResponse<String> response, int status) throws Failure {
		if (response.statusCode() != status) {
			throw new Failure(step, response.statusCode(), response.body());
		}
	}

	/** The Location of a 302, which must start with {@code expected} (a path, or an absolute URI). */
	URI location(String step, HttpResponse<String> response, String expected) throws Failure {
		String location = response.headers().firstValue("Location").orElse(null);
		if (response.statusCode() != 302 || location == null) {
			throw new Failure(step, response.statusCode(), response.body());
		}
		URI uri = this.base.resolve(location);
		String compared = expected.startsWith("/") ? uri.getPath() : uri.toString();
		if (!compared.startsWith(expected)) {
			throw new Failure(step, 302, "redirected to " + location + ", expected " + expected);
		}
		return uri;
	}

	static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

	static String csrfOf(HttpResponse<String> login) throws Failure {
		expect("GET /login", login, 200);
		Matcher matcher = CSRF.matcher(login.body());
		if (!matcher.find()) {
			throw new Failure("GET /login", 200, "no _csrf input: " + login.body());
		}
		return (matcher.group(1) != null) ? matcher.group(1) : matcher.group(2);
	}

	static Map<String, String> query(URI uri) {
		Map<String, String> params = new LinkedHashMap<>();
		if (uri.getRawQuery() != null) {
			for (String pair : uri.getRawQuery().split("&")) {
				String[] kv = pair.split("=", 2);
				params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
						kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
			}
		}
		return params;
	}

	/** The flat JSON answers here need no parser: a string member by name. */
	static String jsonString(String json, String name) throws Failure {
		Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
		if (!matcher.find()) {
			throw new Failure("json", 200, "no " + name + " in " + json);
		}
		return matcher.group(1);
	}

	static String form(String... pairs) {
		StringBuilder form = new StringBuilder();
		for (int i = 0; i < pairs.length; i += 2) {
			form.append(i == 0 ? "" : "&").append(encode(pairs[i])).append('=').append(encode(pairs[i + 1]));
		}
		return form.toString();
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	static String random(int bytes) {
		byte[] value = new byte[bytes];
		RANDOM.nextBytes(value);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
	}

	static String describe(Throwable ex) {
		String text = (ex instanceof Failure) ? ex.getMessage() : ex.getClass().getSimpleName() + ": " + ex.getMessage();
		text = text.replaceAll("\\s+", " ");
		return (text.length() > 300) ? text.substring(0, 300) + "..." : text;
	}

	// ---- plumbing --------------------------------------------------------------------------------------------

	/** An unexpected answer: which step, what status, what body. */
	static final class Failure extends Exception {

		Failure(String step, int status, String body) {
			super(step + " -> " + status + ": " + body);
		}

	}

	interface Prepare<S> {

		S prepare(int worker) throws Exception;

	}

	interface Step<S> {

		void run(S state) throws Exception;

	}

	interface Task {

		void run() throws Exception;

	}

	/** A named operation: {@code prepare} makes each worker's state before timing starts, {@code once} is timed. */
	record Operation<S>(String name, int concurrency, Prepare<S> prepare, Step<S> once) {
	}

	record Result(long[] latencies, int errors, String firstError) {
	}

	/** A browser session after sign-in, and the token response the first app got. */
	record SignedIn(Cookies cookies, String tokens) {
	}

	/**
	 * Thread CPU ms of one password check by the IdP's encoder ({@code users.PasswordConfig.argon2id}, reached by
	 * reflection: it is package-private), on a hash it made; a sign-in makes one such check.
	 */
	static double passwordHashCpuMs(String classpath) throws Exception {
		List<java.net.URL> urls = new ArrayList<>();
		for (String entry : classpath.split(java.io.File.pathSeparator)) {
			if (entry.endsWith("/*")) { // a directory of jars, as java -cp reads it
				try (Stream<Path> jars = Files.list(Path.of(entry.substring(0, entry.length() - 2)))) {
					for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
						urls.add(jar.toUri().toURL());
					}
				}
			}
			else {
				urls.add(Path.of(entry).toUri().toURL());
			}
		}
		try (var loader = new java.net.URLClassLoader(urls.toArray(java.net.URL[]::new), Bench.class.getClassLoader())) {
			var factory = loader.loadClass("dev.portcullis.idp.users.PasswordConfig").getDeclaredMethod("argon2id", int.class);
			factory.setAccessible(true);
			Object encoder = factory.invoke(null, 1);
			var encode = encoder.getClass().getMethod("encode", CharSequence.class);
			var matches = encoder.getClass().getMethod("matches", CharSequence.class, String.class);
			String hash = (String) encode.invoke(encoder, "bench-password");
			var threads = java.lang.management.ManagementFactory.getThreadMXBean();
			for (int i = 0; i < 30; i++) { // warm: the JIT compiles the hash's loops
				matches.invoke(encoder, "bench-password", hash);
			}
			// The median of seven rounds: one round can land on a moment the shared machine is busy.
			double[] rounds = new double[7];
			for (int round = 0; round < rounds.length; round++) {
				int checks = 8;
				long before = threads.getCurrentThreadCpuTime();
				for (int i = 0; i < checks; i++) {
					if (!(Boolean) matches.invoke(encoder, "bench-password", hash)) {
						throw new IllegalStateException("the IdP's encoder did not match its own hash");
					}
				}
				rounds[round] = (threads.getCurrentThreadCpuTime() - before) / 1e6 / checks;
			}
			Arrays.sort(rounds);
			return rounds[rounds.length / 2];
		}
	}

	static Map<String, String> parse(String[] args) {
		Map<String, String> opts = new LinkedHashMap<>();
		Set<String> known = Set.of("base", "pid", "clk-tck", "ready-ms", "quick", "warmup", "duration", "concurrency", "no-warm-pass",
				"flow-concurrency", "only", "growth", "sessions", "grants-stored", "hash-classpath", "settle", "vs-base",
				"vs-pid", "rounds");
		for (String arg : args) {
			String[] kv = arg.replaceFirst("^--", "").split("=", 2);
			if (!arg.startsWith("--") || !known.contains(kv[0])) {
				throw new IllegalArgumentException("unknown option " + arg + "; known: " + known);
			}
			opts.put(kv[0], kv.length > 1 ? kv[1] : "");
		}
		return opts;
	}

	static URI loopback(String address) {
		URI uri = URI.create(address);
		if (!uri.getHost().matches("localhost|127\\.0\\.0\\.1|\\[::1\\]")) {
			throw new IllegalArgumentException("loopback targets only: " + address);
		}
		return uri;
	}

	static String required(Map<String, String> opts, String name) {
		String value = opts.get(name);
		if (value == null) {
			throw new IllegalArgumentException("--" + name + " is required");
		}
		return value;
	}

}
