package dev.portcullis.idp.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every audit event is also a log line (logger {@code portcullis.audit}, level INFO), so an operator reading the
 * logs, or a log pipeline fed by the JSON logs, sees sign-ins, locks, deliveries and admin actions without querying
 * the database. The fields are key-value pairs: with {@code logging.structured.format.console=ecs} they are JSON
 * fields ({@code event.action}, {@code event.outcome}, {@code source.ip}, {@code audit.actor}, {@code audit.target},
 * {@code audit.details}) next to the request's {@code correlationId}. An audit event never holds a secret
 * ({@link AuditLog}), so neither does its line.
 */
@Component
class AuditLogLines {

	static final String LOGGER = "portcullis.audit";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER);

	@EventListener
	void onAuditEvent(AuditEvent event) {
		if (!logger.isInfoEnabled()) {
			return;
		}
		String outcome = event.outcome().name().toLowerCase(java.util.Locale.ROOT);
		LoggingEventBuilder line = logger.atInfo()
			.addKeyValue("event.action", event.action())
			.addKeyValue("event.outcome", outcome)
			.addKeyValue("audit.actor", event.actor());
		if (event.target() != null) {
			line = line.addKeyValue("audit.target", event.target());
		}
		if (event.remoteAddr() != null) {
			line = line.addKeyValue("source.ip", event.remoteAddr());
		}
		if (event.details() != null) {
			line = line.addKeyValue("audit.details", event.details());
		}
		// The plain-text line carries the same fields; what came from outside loses its line breaks there, so it
		// cannot forge a line of its own (the JSON encoder escapes them anyway).
		line.log("{} {} actor={} target={} from={} details={}", event.action(), outcome, oneLine(event.actor()),
				oneLine(event.target()), oneLine(event.remoteAddr()), oneLine(event.details()));
	}

	private static String oneLine(String value) {
		return (value == null) ? "-" : value.replaceAll("\\p{Cntrl}", "_");
	}

}
