package dev.portcullis.client.backchannel;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Both registries keep the same rules: the in-memory one, and the JDBC one on a real (H2) database. */
class LogoutRegistryTest {

	private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	static Stream<LogoutRegistry> registries() {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		JdbcLogoutRegistry jdbc = new JdbcLogoutRegistry(JdbcClient.create(dataSource), CLOCK);
		jdbc.createTableIfMissing();
		jdbc.createTableIfMissing();
		return Stream.of(new InMemoryLogoutRegistry(CLOCK), jdbc);
	}

	@ParameterizedTest
	@MethodSource("registries")
	void whenATokenIdIsUsedTwiceThenTheSecondUseIsARefusedReplay(LogoutRegistry registry) {
		assertThat(registry.firstUse("jti-1", NOW.plusSeconds(180))).isTrue();
		assertThat(registry.firstUse("jti-1", NOW.plusSeconds(180))).isFalse();
		assertThat(registry.firstUse("jti-2", NOW.plusSeconds(180))).isTrue();
	}

	@ParameterizedTest
	@MethodSource("registries")
	void whenAnIdpSessionEndsThenOnlyThatSessionOfThatPersonHasEnded(LogoutRegistry registry) {
		registry.recordLogout("sid-1", "alice", NOW, NOW.plusSeconds(3600));

		assertThat(registry.isEnded("sid-1", "alice", NOW.minusSeconds(60))).isTrue();
		assertThat(registry.isEnded("sid-2", "alice", NOW.minusSeconds(60))).isFalse();
		assertThat(registry.isEnded("sid-1", "bob", NOW.minusSeconds(60))).as("another person's session").isFalse();
	}

	@ParameterizedTest
	@MethodSource("registries")
	void whenALogoutNamesOnlyThePersonThenTheirSessionsUntilThenHaveEndedAndLaterOnesNot(LogoutRegistry registry) {
		registry.recordLogout(null, "alice", NOW, NOW.plusSeconds(3600));

		assertThat(registry.isEnded("sid-1", "alice", NOW.minusSeconds(60))).isTrue();
		assertThat(registry.isEnded(null, "alice", NOW)).isTrue();
		assertThat(registry.isEnded("sid-9", "alice", NOW.plusSeconds(1))).as("signed in afterwards").isFalse();
		assertThat(registry.isEnded("sid-1", "bob", NOW.minusSeconds(60))).isFalse();
	}

	@ParameterizedTest
	@MethodSource("registries")
	void whenARecordIsPastItsKeepingTimeThenItNoLongerCounts(LogoutRegistry registry) {
		registry.recordLogout("sid-1", "alice", NOW.minusSeconds(7200), NOW.minusSeconds(1));

		assertThat(registry.isEnded("sid-1", "alice", NOW.minusSeconds(9000))).isFalse();
	}

}
