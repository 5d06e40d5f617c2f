package dev.portcullis.idp.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The two databases the IdP runs on, each migrated by the real Flyway scripts into a fresh schema. PostgreSQL is
 * the local server (127.0.0.1:5432, database {@code test}); when it is not reachable the test is skipped with the
 * reason, unless {@code PORTCULLIS_REQUIRE_SERVICES=true} (CI), which turns the skip into a failure.
 */
public final class Databases {

	private Databases() {
	}

	public static DataSource h2() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		migrate(dataSource, null);
		return dataSource;
	}

	public static DataSource postgresql() {
		String url = System.getenv().getOrDefault("PORTCULLIS_TEST_POSTGRES_URL",
				"jdbc:postgresql://127.0.0.1:5432/test");
		String user = System.getenv().getOrDefault("PORTCULLIS_TEST_POSTGRES_USER", "postgres");
		try (Connection ignored = DriverManager.getConnection(url, user, "")) {
			// reachable
		}
		catch (SQLException ex) {
			String reason = "PostgreSQL is not reachable at " + url + " (" + ex.getMessage() + ")";
			if ("true".equalsIgnoreCase(System.getenv("PORTCULLIS_REQUIRE_SERVICES"))) {
				throw new IllegalStateException(reason + "; PORTCULLIS_REQUIRE_SERVICES=true forbids skipping", ex);
			}
			System.out.println("SKIPPED: " + reason);
			Assumptions.abort(reason);
		}
		String schema = "portcullis_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url + "?currentSchema=" + schema, user, "");
		migrate(dataSource, schema);
		return dataSource;
	}

	/** Drops a schema made by {@link #postgresql()}. */
	public static void dropSchema(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			String schema = connection.getSchema();
			if (schema != null && schema.startsWith("portcullis_test_")) {
				connection.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
			}
		}
	}

	private static void migrate(DataSource dataSource, String schema) {
		var configuration = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
		if (schema != null) {
			configuration.schemas(schema).createSchemas(true);
		}
		configuration.load().migrate();
	}

}
