package dev.portcullis.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
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
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The IdP, the portal and the dashboard, each started from its packaged jar with {@code java -jar}
 * in a process of its own, the way a user runs them. Started once for the whole e2e run (see
 * {@link #get()}) on ports that do not clash with a developer's {@code ./run.sh}, and stopped after
 * the last test (JUnit root store) or, failing that, when the JVM exits.
 */
public final class PortcullisStack implements AutoCloseable {

    /** The extra client an independent OpenID Connect library signs in with. */
    public static final String OIDC_LIB_CLIENT_ID = "oidc-lib";
    public static final int OIDC_LIB_CALLBACK_PORT = 18099;
    public static final String OIDC_LIB_REDIRECT_URI = "http://127.0.0.1:" + OIDC_LIB_CALLBACK_PORT + "/callback";

    private static PortcullisStack instance;
    private static RuntimeException startFailure;

    private final Path repoRoot;
    private final Path workDir;
    private final List<Service> services = new ArrayList<>();
    private final String oidcLibClientSecret;
    private final Service idp;
    private final Service portal;
    private final Service dashboard;
    /** The Flask example app's port: the IdP's demo declaration of client "flask" names it; its test starts it. */
    private final int flaskPort;
    private final Thread shutdownHook = new Thread(this::stop, "portcullis-e2e-stack-shutdown");

    /** The stack, started on first use; a failed start is remembered so later classes fail fast. */
    public static synchronized PortcullisStack get() {
        if (startFailure != null) {
            throw new IllegalStateException("The Portcullis stack failed to start earlier: " + startFailure.getMessage(),
                    startFailure);
        }
        if (instance == null) {
            PortcullisStack stack = new PortcullisStack();
            try {
                stack.start();
            } catch (RuntimeException | Error e) {
                stack.printLogTails(80);
                stack.stop();
                startFailure = e instanceof RuntimeException re ? re : new IllegalStateException(e);
                throw e;
            }
            instance = stack;
        }
        return instance;
    }

    /** Runs the action with the stack if one is running. */
    static synchronized void ifStarted(java.util.function.Consumer<PortcullisStack> action) {
        if (instance != null) {
            action.accept(instance);
        }
    }

    /** Stops the stack if it was started; called once all tests have run. */
    static synchronized void stopIfStarted() {
        if (instance != null) {
            instance.close();
            instance = null;
        }
    }

    private PortcullisStack() {
        this.repoRoot = Checkout.root();
        this.workDir = Checkout.workDir();
        this.oidcLibClientSecret = randomSecret();
        int idpPort = pickPort("e2e.idp.port", 19000);
        int portalPort = pickPort("e2e.portal.port", 18081);
        int dashboardPort = pickPort("e2e.dashboard.port", 18082);
        this.idp = new Service("idp", idpPort);
        this.portal = new Service("app-portal", portalPort);
        this.dashboard = new Service("app-dashboard", dashboardPort);
        this.flaskPort = pickPort("e2e.flask.port", 18084);
        services.add(idp);
        services.add(portal);
        services.add(dashboard);
    }

    public String issuer() {
        return idp.baseUrl();
    }

    public String idpUrl(String path) {
        return idp.baseUrl() + path;
    }

    public String portalUrl(String path) {
        return portal.baseUrl() + path;
    }

    public String dashboardUrl(String path) {
        return dashboard.baseUrl() + path;
    }

    /** Where the Flask example app must listen: the IdP declared it there (profile demo, PORTCULLIS_FLASK_URL). */
    public int flaskPort() {
        return flaskPort;
    }

    public String flaskUrl(String path) {
        return "http://localhost:" + flaskPort + path;
    }

    public String oidcLibClientSecret() {
        return oidcLibClientSecret;
    }

    /** Prints the last lines of each service's log, for a failed test or a failed start. */
    public void printLogTails(int lines) {
        for (Service service : services) {
            service.printLogTail(lines);
        }
    }

    private void start() {
        Instant began = Instant.now();
        for (Service service : services) {
            Path jar = service.jar();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("Missing " + repoRoot.relativize(jar) + ": package it first (./mvnw verify"
                        + " builds it before the e2e tests; or ./mvnw -DskipTests package -pl idp,app-portal,app-dashboard -am)");
            }
        }
        try {
            deleteRecursively(workDir);
            Files.createDirectories(workDir);
            Path dataDir = Files.createDirectories(workDir.resolve("idp-data"));
            Path extraConfig = writeExtraIdpConfig();

            String issuer = issuer();
            Map<String, String> idpEnv = new LinkedHashMap<>();
            idpEnv.put("SERVER_PORT", String.valueOf(idp.port));
            idpEnv.put("SPRING_PROFILES_ACTIVE", "demo");
            idpEnv.put("PORTCULLIS_ISSUER", issuer);
            idpEnv.put("PORTCULLIS_PORTAL_URL", portal.baseUrl());
            idpEnv.put("PORTCULLIS_DASHBOARD_URL", dashboard.baseUrl());
            idpEnv.put("PORTCULLIS_FLASK_URL", flaskUrl(""));
            idpEnv.put("PORTCULLIS_DATA_DIR", dataDir.toString());
            idpEnv.put("SPRING_CONFIG_ADDITIONAL_LOCATION", "file:" + extraConfig);

            Map<String, String> portalEnv = new LinkedHashMap<>();
            portalEnv.put("SERVER_PORT", String.valueOf(portal.port));
            // The apps have no built-in client secret; their demo profile has the IdP's demo declarations' one.
            portalEnv.put("SPRING_PROFILES_ACTIVE", "demo");
            portalEnv.put("PORTCULLIS_ISSUER", issuer);
            portalEnv.put("PORTCULLIS_OTHER_APP_URL", dashboard.baseUrl() + "/");
            // The portal's home also shows what it fetched from the dashboard's API.
            portalEnv.put("PORTCULLIS_DASHBOARD_API_URL", dashboard.baseUrl() + "/api/me");

            Map<String, String> dashboardEnv = new LinkedHashMap<>();
            dashboardEnv.put("SERVER_PORT", String.valueOf(dashboard.port));
            dashboardEnv.put("SPRING_PROFILES_ACTIVE", "demo");
            dashboardEnv.put("PORTCULLIS_ISSUER", issuer);
            dashboardEnv.put("PORTCULLIS_OTHER_APP_URL", portal.baseUrl() + "/");
            dashboardEnv.put("PORTCULLIS_PORTAL_API_URL", portal.baseUrl() + "/api/me");

            Runtime.getRuntime().addShutdownHook(shutdownHook);
            // Start order must not matter (the apps resolve the IdP lazily), so start all three at once.
            idp.start(idpEnv);
            portal.start(portalEnv);
            dashboard.start(dashboardEnv);
            System.out.printf("[e2e] started idp (pid %d) %s, portal (pid %d) %s, dashboard (pid %d) %s; logs in %s%n",
                    idp.pid(), idp.baseUrl(), portal.pid(), portal.baseUrl(), dashboard.pid(), dashboard.baseUrl(),
                    repoRoot.relativize(workDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitHealthy(began);
        System.out.printf("[e2e] all three healthy after %d s%n", Duration.between(began, Instant.now()).toSeconds());
    }

    private void awaitHealthy(Instant began) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = began.plus(Patience.START);
        List<Service> pending = new ArrayList<>(services);
        while (!pending.isEmpty()) {
            for (Service service : List.copyOf(pending)) {
                if (!service.process.isAlive()) {
                    throw new IllegalStateException(service.name + " exited with status " + service.process.exitValue()
                            + " before it became healthy; see " + service.log);
                }
                if (service.isHealthy(http)) {
                    System.out.printf("[e2e] %s healthy after %d s%n", service.name,
                            Duration.between(began, Instant.now()).toSeconds());
                    pending.remove(service);
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Not healthy after " + Patience.START.toSeconds() + " s: "
                        + pending.stream().map(s -> s.name + " (" + s.baseUrl() + "/actuator/health)").toList());
            }
            // Polling an external process: there is nothing to wait on but time.
            pause(Duration.ofMillis(500));
        }
    }

    private Path writeExtraIdpConfig() throws IOException {
        String yaml = String.join("\n",
                "# Written by the e2e tests: one more client, declared the way a user would declare one.",
                "spring:",
                "  security:",
                "    oauth2:",
                "      authorizationserver:",
                "        client:",
                "          " + OIDC_LIB_CLIENT_ID + ":",
                "            require-authorization-consent: false",
                "            require-proof-key: true",
                "            registration:",
                "              client-id: " + OIDC_LIB_CLIENT_ID,
                "              client-name: Independent OIDC library (e2e)",
                "              client-secret: \"" + oidcLibClientSecret + "\"",
                "              client-authentication-methods: [client_secret_basic]",
                "              authorization-grant-types: [authorization_code, refresh_token]",
                "              redirect-uris: [\"" + OIDC_LIB_REDIRECT_URI + "\"]",
                "              scopes: [openid, profile, email]",
                "");
        Path file = workDir.resolve("idp-extra-clients.yml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        System.out.println("[e2e] extra IdP configuration " + file + " declares client " + OIDC_LIB_CLIENT_ID);
        return file;
    }

    /** Stops every service: a polite SIGTERM first, then a kill for whatever is still running. */
    private synchronized void stop() {
        for (Service service : services) {
            service.terminate();
        }
        for (Service service : services) {
            service.awaitExitOrKill(Duration.ofSeconds(20));
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException alreadyShuttingDownOrNeverAdded) {
            // nothing to do
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the stack", e);
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The preferred port when it is free, otherwise any free one (a developer may be running something there). */
    private static int pickPort(String property, int preferred) {
        int wanted = Integer.getInteger(property, preferred);
        if (isFree(wanted)) {
            return wanted;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = socket.getLocalPort();
            System.out.printf("[e2e] port %d is taken, using %d instead%n", wanted, port);
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return socket.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private final class Service {
        final String name;
        final int port;
        Path log;
        Process process;

        Service(String name, int port) {
            this.name = name;
            this.port = port;
        }

        String baseUrl() {
            return "http://localhost:" + port;
        }

        Path jar() {
            return Checkout.packagedJar(name);
        }

        long pid() {
            return process.pid();
        }

        void start(Map<String, String> env) throws IOException {
            Path dir = Files.createDirectories(workDir.resolve(name));
            log = workDir.resolve(name + ".log");
            String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            // The JVM settings run.sh and the Dockerfiles use: the journeys prove the bounded heap is enough.
            Path jvm = repoRoot.resolve("deploy/jvm");
            List<String> command = new ArrayList<>(List.of(java, "@" + jvm.resolve(name.equals("idp") ? "idp.options" : "app.options")));
            if (name.equals("idp") && Runtime.version().feature() >= 25) {
                command.add("@" + jvm.resolve("idp-java25.options")); // settings Java 17 refuses, as run.sh adds them
            }
            command.addAll(List.of("-jar", jar().toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // Keep the developer's own settings out of the stack under test.
            builder.environment().keySet().removeIf(key -> key.startsWith("PORTCULLIS_") || key.startsWith("SPRING_")
                    || key.equals("SERVER_PORT") || key.equals("JAVA_TOOL_OPTIONS") || key.equals("JDK_JAVA_OPTIONS"));
            builder.environment().putAll(env);
            process = builder.start();
        }

        boolean isHealthy(HttpClient http) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && response.body().contains("\"UP\"");
            } catch (ConnectException e) {
                return false;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        void terminate() {
            if (process != null && process.isAlive()) {
                process.destroy();
            }
        }

        void awaitExitOrKill(Duration grace) {
            if (process == null) {
                return;
            }
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    System.out.printf("[e2e] %s (pid %d) did not stop within %d s; killing it%n", name, process.pid(),
                            grace.toSeconds());
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        void printLogTail(int lines) {
            if (log == null || !Files.exists(log)) {
                return;
            }
            try {
                // Lenient decoding: a log may hold bytes that are not UTF-8.
                // Stack frames crowd out what matters (the exception lines, "Caused by"): leave them out.
                List<String> all = Stream.of(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\\R"))
                        .filter(line -> !line.startsWith("\tat ") && !line.matches("\\s*\\.\\.\\. \\d+ (common frames|more).*"))
                        .toList();
                List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
                StringBuilder out = new StringBuilder();
                out.append("----- last ").append(tail.size()).append(" lines (stack frames left out) of ").append(log)
                        .append(process != null && !process.isAlive() ? " (exited " + process.exitValue() + ")" : "")
                        .append(" -----\n");
                tail.forEach(line -> out.append(line).append('\n'));
                System.out.print(out);
            } catch (IOException e) {
                System.out.println("[e2e] cannot read " + log + ": " + e);
            }
        }
    }
}
