import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bounded load generator for a running IdP (loopback only). Runs each scenario with N concurrent clients for a
 * fixed time and prints requests/s and latency percentiles. Figures on a shared 2-core machine are noisy: compare
 * them as ratios within one run, never against a threshold.
 *
 * Usage: java bench/TokenLoad.java http://localhost:19500 16 10
 */
public class TokenLoad {

	public static void main(String[] args) throws Exception {
		String base = args.length > 0 ? args[0] : "http://localhost:19500";
		int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
		int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
		if (!URI.create(base).getHost().matches("localhost|127\\.0\\.0\\.1|\\[::1\\]")) {
			throw new IllegalArgumentException("loopback targets only");
		}
		String basic = "Basic " + Base64.getEncoder().encodeToString("bench:bench-secret".getBytes(StandardCharsets.UTF_8));
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

		HttpRequest discovery = HttpRequest.newBuilder(URI.create(base + "/.well-known/openid-configuration")).build();
		HttpRequest jwks = HttpRequest.newBuilder(URI.create(base + "/oauth2/jwks")).build();
		HttpRequest token = HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
			.header("Authorization", basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=bench.read"))
			.build();
		String accessToken = http.send(token, HttpResponse.BodyHandlers.ofString()).body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
		HttpRequest introspect = HttpRequest.newBuilder(URI.create(base + "/oauth2/introspect"))
			.header("Authorization", basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("token=" + accessToken))
			.build();

		System.out.printf("target %s, %d concurrent clients, %d s per scenario%n", base, concurrency, seconds);
		System.out.printf("%-34s %10s %9s %9s %9s %7s%n", "scenario", "req/s", "p50 ms", "p99 ms", "max ms", "errors");
		run("discovery (baseline)", http, discovery, concurrency, seconds);
		run("jwks", http, jwks, concurrency, seconds);
		run("token: client_credentials", http, token, concurrency, seconds);
		run("introspection", http, introspect, concurrency, seconds);
	}

	static void run(String name, HttpClient http, HttpRequest request, int concurrency, int seconds) throws Exception {
		// warm-up, not measured
		loop(http, request, concurrency, Math.max(2, seconds / 3));
		Result result = loop(http, request, concurrency, seconds);
		long[] sorted = result.latenciesNanos();
		Arrays.sort(sorted);
		System.out.printf("%-34s %10.1f %9.2f %9.2f %9.2f %7d%n", name, sorted.length / (double) seconds,
				percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.length > 0 ? sorted[sorted.length - 1] / 1e6 : 0,
				result.errors());
	}

	static Result loop(HttpClient http, HttpRequest request, int concurrency, int seconds) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(concurrency);
		AtomicBoolean running = new AtomicBoolean(true);
		List<Future<long[]>> futures = new ArrayList<>();
		for (int i = 0; i < concurrency; i++) {
			futures.add(pool.submit(() -> {
				long[] latencies = new long[1024];
				int count = 0;
				int errors = 0;
				while (running.get()) {
					long start = System.nanoTime();
					int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
					long took = System.nanoTime() - start;
					if (status != 200) {
						errors++;
						continue;
					}
					if (count == latencies.length) {
						latencies = Arrays.copyOf(latencies, count * 2);
					}
					latencies[count++] = took;
				}
				long[] out = Arrays.copyOf(latencies, count + 1);
				out[count] = -errors - 1; // last slot carries the error count
				return out;
			}));
		}
		Thread.sleep(seconds * 1000L);
		running.set(false);
		List<Long> all = new ArrayList<>();
		int errors = 0;
		for (Future<long[]> future : futures) {
			long[] values = future.get();
			errors += (int) (-values[values.length - 1] - 1);
			for (int i = 0; i < values.length - 1; i++) {
				all.add(values[i]);
			}
		}
		pool.shutdownNow();
		return new Result(all.stream().mapToLong(Long::longValue).toArray(), errors);
	}

	static double percentile(long[] sorted, double p) {
		return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
	}

	record Result(long[] latenciesNanos, int errors) {
	}

}
