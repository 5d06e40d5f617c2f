package dev.portcullis.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.portcullis.e2e.reports.ReportsApp;
import dev.portcullis.e2e.support.Checkout;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One more relying-party app, for the "admin registers an app" journey: {@link ReportsApp}, a minimal Spring Boot
 * app built on the client starter, started on a port of its own with exactly the application.yml snippet the
 * console showed, saved to a file as a user would paste it. Closed on {@link #close()}.
 */
final class ThirdApp implements AutoCloseable {

    private final int port;
    private final Path config;
    private ConfigurableApplicationContext context;

    private ThirdApp(int port, Path config) {
        this.port = port;
        this.config = config;
    }

    /** A free port for the app, chosen before the app is registered (its redirect URI names it). */
    static ThirdApp onFreePort(String name) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path dir = Files.createDirectories(Checkout.workDir());
            return new ThirdApp(socket.getLocalPort(), dir.resolve(name + ".yml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Starts the app configured with the console's snippet (and its port) and nothing else. */
    void start(String snippet) {
        try {
            Files.writeString(config, snippet, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context = new SpringApplicationBuilder(ReportsApp.class)
                .run("--server.port=" + port, "--spring.config.additional-location=file:" + config);
        System.out.printf("[e2e] started a third app %s with %s%n", url("/"), config);
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }
}
