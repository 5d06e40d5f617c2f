package dev.portcullis.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.portcullis.e2e.support.Checkout;
import dev.portcullis.e2e.support.Patience;

/**
 * One more relying-party app, for the "admin registers an app" journey: the portal's packaged jar started again on
 * a port of its own with the client id and secret the admin was just shown, passed the way a user passes Spring
 * Boot settings (environment variables overriding {@code spring.security.oauth2.client.registration.*}). That is
 * exactly "paste the snippet into a Spring Boot app". Stopped, by its own process handle, on {@link #close()}.
 */
final class ThirdApp implements AutoCloseable {

    private final int port;
    private final Path log;
    private Process process;

    private ThirdApp(int port, Path log) {
        this.port = port;
        this.log = log;
    }

    /** A free port for the app, chosen before the app is registered (its redirect URI names it). */
    static ThirdApp onFreePort(String name) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path dir = Files.createDirectories(Checkout.workDir());
            return new ThirdApp(socket.getLocalPort(), dir.resolve(name + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Starts the app with these client credentials and waits until it answers its health check. */
    void start(String issuer, String clientId, String clientSecret, String postLogoutRedirectUri, String otherAppUrl) {
        Path jar = Checkout.packagedJar("app-portal");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing " + jar + ": package app-portal first");
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("PORTCULLIS_ISSUER", issuer);
        env.put("PORTCULLIS_OTHER_APP_URL", otherAppUrl);
        env.put("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_PORTCULLIS_CLIENT_ID", clientId);
        env.put("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_PORTCULLIS_CLIENT_SECRET", clientSecret);
        env.put("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_PORTCULLIS_SCOPE", "openid,profile,email");
        env.put("PORTCULLIS_CLIENT_POST_LOGOUT_REDIRECT_URI", postLogoutRedirectUri);
        // Cookies do not separate by port on localhost: a session cookie of its own.
        env.put("SERVER_SERVLET_SESSION_COOKIE_NAME", "REPORTS_SESSION");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString())
                .directory(log.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("PORTCULLIS_") || key.startsWith("SPRING_")
                || key.startsWith("PORTAL_") || key.equals("SERVER_PORT") || key.equals("JAVA_TOOL_OPTIONS")
                || key.equals("JDK_JAVA_OPTIONS"));
        builder.environment().putAll(env);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.printf("[e2e] started a third app (pid %d) %s as client '%s'; log %s%n", process.pid(), url("/"),
                clientId, log);
        awaitHealthy();
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Patience.START);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The third app exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url("/actuator/health")))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(500); // polling another process: nothing to wait on but time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("The third app was not healthy after " + Patience.START.toSeconds() + " s; see "
                + log);
    }

    /** The last lines of its log, for a failed test. */
    void printLogTail(int lines) {
        try {
            if (Files.exists(log)) {
                List<String> all = List.of(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\\R"));
                System.out.println("----- last lines of " + log + " -----");
                all.subList(Math.max(0, all.size() - lines), all.size()).forEach(System.out::println);
            }
        } catch (IOException e) {
            System.out.println("[e2e] cannot read " + log + ": " + e);
        }
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
