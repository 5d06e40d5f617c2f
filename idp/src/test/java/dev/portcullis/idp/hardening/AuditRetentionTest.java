package dev.portcullis.idp.hardening;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import dev.portcullis.idp.audit.AuditRetention;
import dev.portcullis.idp.support.IdpTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit log keeps events for the retention period (90 days by default) and deletes what is older. */
@IdpTest
class AuditRetentionTest {

	@Autowired
	AuditRetention retention;

	@Autowired
	JdbcClient jdbc;

	@Test
	void whenAnEventIsOlderThanTheRetentionThenItIsDeletedAndNewerOnesStay() {
		String target = "retention-" + System.nanoTime();
		insert(target, "old", Instant.now().minus(Duration.ofDays(91)));
		insert(target, "recent", Instant.now().minus(Duration.ofDays(89)));

		assertThat(this.retention.purge()).isPositive();

		assertThat(this.jdbc.sql("SELECT action FROM audit_events WHERE target = ?").param(target).query(String.class)
			.list()).containsExactly("recent");
	}

	private void insert(String target, String action, Instant at) {
		this.jdbc.sql("INSERT INTO audit_events (occurred_at, actor, action, target, outcome) VALUES (?, ?, ?, ?, ?)")
			.params(Timestamp.from(at), "test", action, target, "SUCCESS")
			.update();
	}

}
