package dev.portcullis.idp.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The two databases the IdP runs on, each migrated by the real Flyway scripts into a fresh schema. PostgreSQL comes
 * from {@link TestPostgres}: a local server, else Testcontainers, else the test is skipped with the reason.
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

	/** A fresh, migrated schema on the PostgreSQL server {@link TestPostgres} found, or the test is skipped. */
	public static DataSource postgresql() {
		TestPostgres.Server server = TestPostgres.server();
		String schema = "portcullis_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		DriverManagerDataSource dataSource = new DriverManagerDataSource(server.urlWithSchema(schema), server.user(),
				server.password());
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
