package dev.portcullis.idp.security;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.portcullis.idp.audit.AuditEvent;
import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.security.LoginThrottle.Decision;
import dev.portcullis.idp.security.LoginThrottle.Kind;
import dev.portcullis.idp.support.OnBothDatabases;
import dev.portcullis.idp.support.TestDatabase;
import dev.portcullis.idp.users.UserAccountRepository;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The counting rules of the sign-in throttle, on the real schema of both databases. */
class LoginThrottleTest {

	/** Username limit 3, address limit 50, device limit 2. */
	private static LoginThrottle throttle(DataSource dataSource) {
		JdbcClient jdbc = JdbcClient.create(dataSource);
		return new LoginThrottle(jdbc, new DataSourceTransactionManager(dataSource),
				new LoginThrottleProperties(3, 50, 2, Duration.ofMinutes(1), Duration.ofMinutes(4),
						Duration.ofMinutes(15), Duration.ofDays(90)),
				new AuditLog(jdbc), new UserAccountRepository(jdbc));
	}

	@OnBothDatabases
	void whenFiftyAttemptsComeAtOnceThenFiftyAreCountedAndOnlyTheLimitGoesOn(TestDatabase database)
			throws Exception {
		DataSource dataSource = database.get();
		LoginThrottle throttle = throttle(dataSource);

		List<Decision> byUsername = concurrently(50, () -> throttle.reserve(Kind.USERNAME, "carol", null));
		List<Decision> byAddress = concurrently(50, () -> throttle.reserve(Kind.ADDRESS, "192.0.2.7", "192.0.2.7"));

		assertThat(byUsername.stream().filter(Decision::allowed)).hasSize(3);
		assertThat(byAddress.stream().filter(Decision::allowed)).hasSize(50);
		assertThat(attempts(dataSource, Kind.ADDRESS, "192.0.2.7")).isEqualTo(50);
		assertThat(throttle.reserve(Kind.ADDRESS, "192.0.2.7", "192.0.2.7").allowed()).isFalse();
	}

	@OnBothDatabases
	void whenAnAddressIsLongerThanAnyColumnThenItIsCountedAndLocked(TestDatabase database) {
		LoginThrottle throttle = throttle(database.get());
		String forged = "1".repeat(250);

		for (int i = 0; i < 50; i++) {
			assertThat(throttle.reserve(Kind.ADDRESS, forged, forged).allowed()).isTrue();
		}

		assertThat(throttle.reserve(Kind.ADDRESS, forged, forged).allowed()).isFalse();
		assertThat(throttle.locks(10)).singleElement().satisfies((lock) -> {
			assertThat(lock.kind()).isEqualTo(Kind.ADDRESS);
			assertThat(lock.subject()).hasSize(200);
		});
	}

	@OnBothDatabases
	void whenAUsernameIsLockedThenOnlyItIsAndTriesWhileLockedDoNotExtendTheLock(TestDatabase database) {
		LoginThrottle throttle = throttle(database.get());
		for (int i = 0; i < 3; i++) {
			assertThat(throttle.reserve(Kind.USERNAME, "erin", null).allowed()).isTrue();
		}

		Decision locked = throttle.reserve(Kind.USERNAME, "erin", null);

		assertThat(locked.allowed()).isFalse();
		assertThat(locked.lockedUntil()).isBetween(Instant.now().plusSeconds(50), Instant.now().plusSeconds(61));
		assertThat(throttle.reserve(Kind.USERNAME, "erin", null).lockedUntil()).isCloseTo(locked.lockedUntil(),
				within(1, ChronoUnit.MILLIS));
		assertThat(throttle.reserve(Kind.USERNAME, "frank", null).allowed()).isTrue();
		assertThat(throttle.reserve(Kind.ADDRESS, "erin", "erin").allowed()).isTrue();
		assertThat(throttle.locks(10)).singleElement()
			.satisfies((lock) -> assertThat(lock.subject()).isEqualTo(LoginThrottle.UNKNOWN_USERNAME));
	}

	@OnBothDatabases
	void whenTheAccountSignsInThenItsCountStartsAgainAndAnAddressGetsItsAttemptBack(TestDatabase database) {
		DataSource dataSource = database.get();
		LoginThrottle throttle = throttle(dataSource);
		throttle.reserve(Kind.USERNAME, "grace", null);
		throttle.reserve(Kind.USERNAME, "grace", null);
		throttle.reserve(Kind.ADDRESS, "192.0.2.9", "192.0.2.9");
		throttle.reserve(Kind.ADDRESS, "192.0.2.9", "192.0.2.9");

		throttle.succeeded(Kind.USERNAME, "grace");
		throttle.refund(Kind.ADDRESS, "192.0.2.9");

		assertThat(attempts(dataSource, Kind.USERNAME, "grace")).isNull();
		assertThat(attempts(dataSource, Kind.ADDRESS, "192.0.2.9")).isEqualTo(1);
	}

	@OnBothDatabases
	void whenALockIsLiftedThenTheKeyStartsAgain(TestDatabase database) {
		LoginThrottle throttle = throttle(database.get());
		for (int i = 0; i < 4; i++) {
			throttle.reserve(Kind.USERNAME, "heidi", null);
		}

		assertThat(throttle.lift(LoginThrottle.id(Kind.USERNAME, "heidi"))).isNotNull();

		assertThat(throttle.reserve(Kind.USERNAME, "heidi", null).allowed()).isTrue();
		assertThat(throttle.lift(LoginThrottle.id(Kind.USERNAME, "heidi"))).isNull();
	}

	@OnBothDatabases
	void whenALockedKeyIsTriedAgainAndAgainThenTheAuditLogGetsOneEventForTheMinute(TestDatabase database) {
		DataSource dataSource = database.get();
		LoginThrottle throttle = throttle(dataSource);
		for (int i = 0; i < 50 + 20; i++) {
			throttle.reserve(Kind.ADDRESS, "198.51.100.4", "198.51.100.4");
		}
		Instant later = Instant.now().plus(Duration.ofMinutes(2));

		assertThat(throttle.auditRefusals(later)).isBetween(1, 2); // 2 only if a minute ended during the loop
		assertThat(throttle.auditRefusals(later)).isZero();

		List<AuditEvent> events = new AuditLog(JdbcClient.create(dataSource)).forTarget("198.51.100.4", 10);
		List<AuditEvent> throttled = events.stream().filter((e) -> e.action().equals("sign-in.throttled")).toList();
		assertThat(throttled.stream().mapToInt((e) -> Integer.parseInt(e.details().split(" ")[0])).sum())
			.isEqualTo(20);
		assertThat(events.stream().filter((e) -> e.action().equals("sign-in.locked"))).hasSize(1);
	}

	private static Integer attempts(DataSource dataSource, Kind kind, String value) {
		return JdbcClient.create(dataSource)
			.sql("SELECT attempts FROM login_throttle WHERE id = ?")
			.param(LoginThrottle.id(kind, value))
			.query(Integer.class)
			.optional()
			.orElse(null);
	}

	/** Runs {@code count} calls at once (as far as 16 threads allow) and returns what they answered. */
	static <T> List<T> concurrently(int count, Callable<T> call) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				futures.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
