package dev.portcullis.idp.support;

import java.sql.SQLException;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * One of the two databases the IdP runs on, made when the test first asks for it (so a missing PostgreSQL skips
 * that test, see {@link TestPostgres}) and dropped when the test ends: JUnit closes the arguments of a
 * parameterized test. Use with {@link OnBothDatabases}.
 */
public final class TestDatabase implements Supplier<DataSource>, AutoCloseable {

	private final Supplier<DataSource> maker;

	private DataSource dataSource;

	private TestDatabase(Supplier<DataSource> maker) {
		this.maker = maker;
	}

	/** A fresh, migrated database: H2 in memory, or a schema of its own on PostgreSQL. */
	@Override
	public DataSource get() {
		if (this.dataSource == null) {
			this.dataSource = this.maker.get();
		}
		return this.dataSource;
	}

	@Override
	public void close() throws SQLException {
		if (this.dataSource != null) {
			Databases.dropSchema(this.dataSource);
		}
	}

	/** H2, then PostgreSQL. */
	static final class Both implements ArgumentsProvider {

		@Override
		public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters,
				ExtensionContext context) {
			return Stream.of(Arguments.of(Named.of("H2", new TestDatabase(Databases::h2))),
					Arguments.of(Named.of("PostgreSQL", new TestDatabase(Databases::postgresql))));
		}

	}

}
