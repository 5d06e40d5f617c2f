package dev.portcullis.idp.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.portcullis.idp.audit.AuditEvent.Outcome;
import dev.portcullis.idp.support.OnBothDatabases;
import dev.portcullis.idp.support.TestDatabase;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The home page's counts over the audit log, on H2 and PostgreSQL: right per hour, and as cheap with a million
 * other events as with a thousand. Cheap is shown by the database itself: each query's plan reads the index on
 * (action, outcome, occurred_at), not the table, once a million rows are stored.
 */
class AuditStatisticsStorageTest {

	@OnBothDatabases
	void whenAMillionOtherEventsAreStoredThenTheCountsStayRightAndEachQueryReadsTheIndex(TestDatabase database)
			throws Exception {
		DataSource dataSource = database.get();
		JdbcClient jdbc = JdbcClient.create(dataSource);
		AuditStatistics statistics = new AuditStatistics(jdbc);
		Instant now = Instant.now();
		Instant from = AuditStatistics.firstHour(now, 24);
		seed(jdbc, "sign-in", "SUCCESS", from.plus(Duration.ofMinutes(5)), 3);
		seed(jdbc, "sign-in", "SUCCESS", from.plus(Duration.ofHours(23)), 2);
		seed(jdbc, "sign-in", "FAILURE", from.plus(Duration.ofHours(7).plusMinutes(59)), 4);
		seed(jdbc, "sign-in", "SUCCESS", from.minus(Duration.ofSeconds(1)), 6); // before the window
		seed(jdbc, "backchannel-logout.failed", "FAILURE", from.plus(Duration.ofHours(20)), 2);
		fill(dataSource, now, 1, 1_000);
		Figures withAThousand = figures(statistics, now, from);

		// A million on PostgreSQL, the store of a busy cluster; 200,000 on the embedded H2, whose planner chooses
		// the same from a fifth of the rows in a fifth of the time (a million takes H2 a minute here).
		int rows = postgres(dataSource) ? 1_000_000 : 200_000;
		fill(dataSource, now, 1_001, rows);
		analyze(dataSource);
		Figures withAMillion = figures(statistics, now, from);

		assertThat(withAThousand.succeeded()[0]).isEqualTo(3);
		assertThat(withAThousand.succeeded()[23]).isEqualTo(2);
		assertThat(withAThousand.failed()[7]).isEqualTo(4);
		assertThat(sum(withAThousand.succeeded())).isEqualTo(5);
		assertThat(withAThousand.failedDeliveries()).isEqualTo(2);
		assertThat(withAThousand.latestDeliveries()).hasSize(10).first().matches((event) -> event.target().equals("recent"));
		assertThat(withAMillion).usingRecursiveComparison().isEqualTo(withAThousand);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events").query(Long.class).single()).isGreaterThan(rows);
		Timestamp since = Timestamp.from(from);
		for (String plan : List.of(plan(dataSource, AuditStatistics.PER_HOUR, "sign-in", "SUCCESS", since),
				plan(dataSource, AuditStatistics.COUNT, "sign-in.locked", "FAILURE", since),
				plan(dataSource, AuditStatistics.LATEST, "backchannel-logout.failed", "FAILURE", 10))) {
			System.out.println("[audit statistics, " + rows + " events] " + plan.replace('\n', ' '));
			assertThat(plan.toLowerCase()).contains("audit_events_action_ix");
		}
	}

	private record Figures(long[] succeeded, long[] failed, long failedDeliveries, List<AuditEvent> latestDeliveries) {
	}

	private static Figures figures(AuditStatistics statistics, Instant now, Instant from) {
		List<AuditEvent> latest = statistics.latest("backchannel-logout.failed", Outcome.FAILURE, 10)
			.stream()
			.map((event) -> new AuditEvent(0, event.occurredAt(), event.actor(), event.action(), event.target(),
					event.outcome(), event.details(), event.remoteAddr()))
			.toList();
		return new Figures(statistics.perHour("sign-in", Outcome.SUCCESS, now, 24),
				statistics.perHour("sign-in", Outcome.FAILURE, now, 24),
				statistics.count("backchannel-logout.failed", Outcome.FAILURE, from), latest);
	}

	private static boolean postgres(DataSource dataSource) throws Exception {
		try (Connection connection = dataSource.getConnection()) {
			return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
		}
	}

	private static void seed(JdbcClient jdbc, String action, String outcome, Instant at, int count) {
		for (int i = 0; i < count; i++) {
			jdbc.sql("INSERT INTO audit_events (occurred_at, actor, action, target, outcome) "
					+ "VALUES (?, 'system', ?, 'recent', ?)")
				.params(Timestamp.from(at), action, outcome)
				.update();
		}
	}

	/**
	 * Events {@code first} to {@code last} of the filler, in one statement: sign-ins, failed deliveries and locks
	 * from two days to three months ago, and the last day's other actions (sessions ended, apps changed).
	 */
	private static void fill(DataSource dataSource, Instant now, int first, int last) throws Exception {
		try (Connection connection = dataSource.getConnection()) {
			boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
			String numbers = postgres ? "generate_series(?, ?) AS numbers(n)"
					: "(SELECT X AS n FROM SYSTEM_RANGE(?, ?)) numbers";
			String secondsAgo = "(CASE WHEN MOD(n, 5) < 3 THEN 172800 + MOD(n, 7776000) ELSE MOD(n, 86000) END)";
			String occurredAt = postgres ? "CAST(? AS timestamptz) - " + secondsAgo + " * INTERVAL '1 second'"
					: "DATEADD(SECOND, -" + secondsAgo + ", CAST(? AS TIMESTAMP WITH TIME ZONE))";
			String sql = "INSERT INTO audit_events (occurred_at, actor, action, target, outcome, details) SELECT "
					+ occurredAt + ", 'system', CASE MOD(n, 5) WHEN 0 THEN 'sign-in' WHEN 1 THEN "
					+ "'backchannel-logout.failed' WHEN 2 THEN 'sign-in.locked' WHEN 3 THEN 'session.ended' "
					+ "ELSE 'client.updated' END, 'filler', CASE WHEN MOD(n, 2) = 0 THEN 'SUCCESS' ELSE 'FAILURE' "
					+ "END, 'filler event' FROM " + numbers;
			try (PreparedStatement insert = connection.prepareStatement(sql)) {
				insert.setTimestamp(1, Timestamp.from(now));
				insert.setInt(2, first);
				insert.setInt(3, last);
				insert.executeUpdate();
			}
		}
	}

	/** PostgreSQL plans from statistics: give it some, as its autovacuum would. */
	private static void analyze(DataSource dataSource) throws Exception {
		try (Connection connection = dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName().toLowerCase();
			try (PreparedStatement analyze = connection.prepareStatement(
					product.contains("postgres") ? "ANALYZE audit_events" : "ANALYZE TABLE audit_events")) {
				analyze.execute();
			}
		}
	}

	private static String plan(DataSource dataSource, String sql, Object... parameters) throws Exception {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
			for (int i = 0; i < parameters.length; i++) {
				explain.setObject(i + 1, parameters[i]);
			}
			List<String> lines = new ArrayList<>();
			try (ResultSet rows = explain.executeQuery()) {
				while (rows.next()) {
					lines.add(rows.getString(1));
				}
			}
			return String.join("\n", lines);
		}
	}

	private static long sum(long[] counts) {
		long sum = 0;
		for (long count : counts) {
			sum += count;
		}
		return sum;
	}

}
