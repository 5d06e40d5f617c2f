package dev.portcullis.idp.audit;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The audit log keeps events for {@code portcullis.audit.retention} (90 days by default) and no longer: it must not
 * grow without bound, whoever fills it. Older events are deleted in the background.
 */
@Component
public class AuditRetention {

	private static final Log logger = LogFactory.getLog(AuditRetention.class);

	private final JdbcClient jdbc;

	private final Duration retention;

	AuditRetention(JdbcClient jdbc, @Value("${portcullis.audit.retention:P90D}") Duration retention) {
		this.jdbc = jdbc;
		this.retention = retention;
	}

	/** Deletes events older than the retention period; returns how many. */
	@Scheduled(initialDelayString = "PT2M", fixedDelayString = "${portcullis.audit.purge-interval:PT1H}")
	public int purge() {
		int deleted = this.jdbc.sql("DELETE FROM audit_events WHERE occurred_at < ?")
			.param(Timestamp.from(Instant.now().minus(this.retention)))
			.update();
		if (deleted > 0) {
			logger.info("Deleted " + deleted + " audit events older than " + this.retention.toDays() + " days");
		}
		return deleted;
	}

}
