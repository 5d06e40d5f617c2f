package dev.portcullis.idp.admin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.portcullis.idp.audit.AuditEvent;
import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.users.UserAccountRepository;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The console's audit log page: who did what and when, newest first, 50 a page. */
@Controller
class AuditConsoleController {

	static final int PAGE_SIZE = 50;

	private final AuditLog auditLog;

	private final UserAccountRepository accounts;

	AuditConsoleController(AuditLog auditLog, UserAccountRepository accounts) {
		this.auditLog = auditLog;
		this.accounts = accounts;
	}

	@GetMapping("/admin/audit")
	String audit(@RequestParam(name = "page", defaultValue = "0") int page, Model model) {
		int current = Math.max(0, Math.min(page, 1_000_000));
		long total = this.auditLog.count();
		List<AuditEvent> events = this.auditLog.page(current * PAGE_SIZE, PAGE_SIZE);
		model.addAttribute("events", events);
		model.addAttribute("usernames", usernames(events));
		model.addAttribute("page", current);
		model.addAttribute("hasPrevious", current > 0);
		model.addAttribute("hasNext", (long) (current + 1) * PAGE_SIZE < total);
		model.addAttribute("total", total);
		return "admin/audit";
	}

	/** Actors and targets are account ids where a person is meant; show their usernames. */
	private Map<String, String> usernames(List<AuditEvent> events) {
		Map<String, String> usernames = new HashMap<>();
		for (AuditEvent event : events) {
			for (String id : new String[] { event.actor(), event.target() }) {
				if (id != null && id.length() == 36 && !usernames.containsKey(id)) {
					this.accounts.findById(id).ifPresent((account) -> usernames.put(id, account.username()));
				}
			}
		}
		return usernames;
	}

}
