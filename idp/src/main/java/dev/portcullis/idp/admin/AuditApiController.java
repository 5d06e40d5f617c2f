package dev.portcullis.idp.admin;

import java.util.List;

import dev.portcullis.idp.audit.AuditEvent;
import dev.portcullis.idp.audit.AuditLog;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log in the admin REST API, newest first. */
@RestController
@AdminApi
class AuditApiController {

	private final AuditLog auditLog;

	AuditApiController(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	@GetMapping(AdminApi.BASE + "/audit-events")
	Page events(@RequestParam(name = "offset", defaultValue = "0") int offset,
			@RequestParam(name = "limit", defaultValue = "50") int limit) {
		if (offset < 0) {
			throw InvalidInputException.of("offset", "Must be 0 or more");
		}
		if (limit < 1 || limit > 200) {
			throw InvalidInputException.of("limit", "Must be between 1 and 200");
		}
		return new Page(this.auditLog.page(offset, limit), this.auditLog.count(), offset, limit);
	}

	record Page(List<AuditEvent> events, long total, int offset, int limit) {
	}

}
