package dev.portcullis.idp.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one way every test gets a PostgreSQL server, tried in this order:
 * <ol>
 * <li>a server already listening at {@code PORTCULLIS_TEST_POSTGRES_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code PORTCULLIS_TEST_POSTGRES_USER}, default
 * {@code postgres}): what CI and a developer with a local PostgreSQL have;</li>
 * <li>else a Testcontainers PostgreSQL when a Docker engine answers, started once per test run;</li>
 * <li>else the test is skipped with one printed line saying why and how to get one, unless
 * {@code PORTCULLIS_REQUIRE_SERVICES=true} (CI), which turns the skip into a failure.</li>
 * </ol>
 * The choice is made once per JVM and shared by every test. Spring contexts use {@link RequiresPostgres} so the
 * skip happens before the context starts.
 */
public final class TestPostgres {

	static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";

	static final String IMAGE = "postgres:17-alpine";

	private static Choice choice;

	private TestPostgres() {
	}

	/** A PostgreSQL server to connect to, or the test is skipped (failed under {@code PORTCULLIS_REQUIRE_SERVICES}). */
	public static Server server() {
		Choice chosen = choice();
		if (chosen instanceof Choice.Use use) {
			return use.server().get();
		}
		String reason = ((Choice.Skip) chosen).reason();
		if (servicesRequired()) {
			throw new IllegalStateException(reason + "; PORTCULLIS_REQUIRE_SERVICES=true forbids skipping");
		}
		Assumptions.abort(reason);
		throw new AssertionError("unreachable");
	}

	/** Why PostgreSQL tests would be skipped here, or empty when a server is available. */
	public static Optional<String> unavailableReason() {
		return (choice() instanceof Choice.Skip skip) ? Optional.of(skip.reason()) : Optional.empty();
	}

	public static boolean servicesRequired() {
		return "true".equalsIgnoreCase(System.getenv("PORTCULLIS_REQUIRE_SERVICES"));
	}

	private static synchronized Choice choice() {
		if (choice == null) {
			String url = System.getenv().getOrDefault("PORTCULLIS_TEST_POSTGRES_URL", DEFAULT_URL);
			String user = System.getenv().getOrDefault("PORTCULLIS_TEST_POSTGRES_USER", "postgres");
			String password = System.getenv().getOrDefault("PORTCULLIS_TEST_POSTGRES_PASSWORD", "");
			Server local = new Server(url, user, password, "local PostgreSQL at " + url);
			choice = choose(local, () -> reachable(local), TestPostgres::dockerAvailable, TestPostgres::container);
			if (choice instanceof Choice.Skip skip) {
				System.out.println("SKIPPED (PostgreSQL tests): " + skip.reason());
			}
		}
		return choice;
	}

	/**
	 * The selection rule, apart from the probes so that it can be tested without a database or Docker: the local
	 * server when it answers (Docker is then not even asked), else a container when Docker answers, else a skip.
	 */
	static Choice choose(Server local, Supplier<Optional<String>> localProblem, BooleanSupplier docker,
			Supplier<Server> container) {
		Optional<String> problem = localProblem.get();
		if (problem.isEmpty()) {
			return new Choice.Use(() -> local);
		}
		if (docker.getAsBoolean()) {
			return new Choice.Use(memoized(container));
		}
		return new Choice.Skip("no PostgreSQL: nothing answers at " + local.url() + " (" + problem.get()
				+ ") and no Docker engine for Testcontainers; start a local PostgreSQL (trust auth, database test)"
				+ " or Docker, or point PORTCULLIS_TEST_POSTGRES_URL at one");
	}

	private static Optional<String> reachable(Server server) {
		try (Connection ignored = DriverManager.getConnection(server.url(), server.user(), server.password())) {
			return Optional.empty();
		}
		catch (SQLException ex) {
			return Optional.of(ex.getMessage());
		}
	}

	private static boolean dockerAvailable() {
		// Testcontainers logs every failed Docker probe as a multi-line ERROR; the skip line says it all.
		Logger logger = (Logger) LoggerFactory.getLogger("org.testcontainers");
		Level level = logger.getLevel();
		logger.setLevel(Level.OFF);
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
		finally {
			logger.setLevel(level);
		}
	}

	@SuppressWarnings("resource") // lives for the whole test run; Testcontainers' reaper removes it afterwards
	private static Server container() {
		PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
		container.start();
		return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
				"Testcontainers PostgreSQL (" + IMAGE + ")");
	}

	private static Supplier<Server> memoized(Supplier<Server> supplier) {
		Server[] once = new Server[1];
		return () -> {
			synchronized (once) {
				if (once[0] == null) {
					once[0] = supplier.get();
				}
				return once[0];
			}
		};
	}

	/** Where a PostgreSQL server is and how to sign in to it. */
	public record Server(String url, String user, String password, String source) {

		/** The same server with {@code currentSchema} set, so that a test works in a schema of its own. */
		public String urlWithSchema(String schema) {
			return this.url + (this.url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
		}

	}

	/** What {@link #choose} decided. */
	sealed interface Choice {

		record Use(Supplier<Server> server) implements Choice {
		}

		record Skip(String reason) implements Choice {
		}

	}

}
