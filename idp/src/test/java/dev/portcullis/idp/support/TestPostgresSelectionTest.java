package dev.portcullis.idp.support;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import dev.portcullis.idp.support.TestPostgres.Choice;
import dev.portcullis.idp.support.TestPostgres.Server;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which PostgreSQL the tests get, with the local server and the Docker engine faked. */
class TestPostgresSelectionTest {

	private final Server local = new Server("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "", "local");

	private final Server container = new Server("jdbc:postgresql://localhost:32771/test?loggerLevel=OFF", "test",
			"test", "container");

	private final AtomicInteger dockerAsked = new AtomicInteger();

	private final AtomicInteger containersStarted = new AtomicInteger();

	@Test
	void whenALocalServerAnswersThenItIsUsedAndDockerIsNotAsked() {
		Choice choice = TestPostgres.choose(this.local, Optional::empty, this::docker, this::container);

		assertThat(choice).isInstanceOfSatisfying(Choice.Use.class,
				(use) -> assertThat(use.server().get()).isSameAs(this.local));
		assertThat(this.dockerAsked).hasValue(0);
		assertThat(this.containersStarted).hasValue(0);
	}

	@Test
	void whenNoLocalServerAnswersAndDockerDoesThenOneContainerIsStartedForEveryUse() {
		Choice choice = TestPostgres.choose(this.local, () -> Optional.of("Connection refused"), this::docker,
				this::container);

		assertThat(choice).isInstanceOfSatisfying(Choice.Use.class, (use) -> {
			assertThat(use.server().get()).isSameAs(this.container);
			assertThat(use.server().get()).isSameAs(this.container);
		});
		assertThat(this.dockerAsked).hasValue(1);
		assertThat(this.containersStarted).hasValue(1);
	}

	@Test
	void whenNeitherAnswersThenTheTestsAreSkippedWithTheReasonAndHowToGetOne() {
		Choice choice = TestPostgres.choose(this.local, () -> Optional.of("Connection refused"), () -> false,
				this::container);

		assertThat(choice).isInstanceOfSatisfying(Choice.Skip.class, (skip) -> assertThat(skip.reason())
			.contains("127.0.0.1:5432", "Connection refused", "Docker", "PORTCULLIS_TEST_POSTGRES_URL"));
		assertThat(this.containersStarted).hasValue(0);
	}

	@Test
	void whenTheUrlHasParametersThenTheSchemaIsAddedToThem() {
		assertThat(this.local.urlWithSchema("s1")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=s1");
		assertThat(this.container.urlWithSchema("s1"))
			.isEqualTo("jdbc:postgresql://localhost:32771/test?loggerLevel=OFF&currentSchema=s1");
	}

	private boolean docker() {
		this.dockerAsked.incrementAndGet();
		return true;
	}

	private Server container() {
		this.containersStarted.incrementAndGet();
		return this.container;
	}

}
