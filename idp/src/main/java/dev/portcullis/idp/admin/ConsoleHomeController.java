package dev.portcullis.idp.admin;

import java.time.Clock;
import java.time.Instant;

import dev.portcullis.idp.audit.AuditEvent.Outcome;
import dev.portcullis.idp.audit.AuditStatistics;
import dev.portcullis.idp.clients.ClientCatalog;
import dev.portcullis.idp.sessions.SsoSessions;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's front door: what an operator asks first, at a glance. Sign-ins per hour over the last 24 hours,
 * failed sign-ins and locks, live sessions, the apps and when each last got tokens, and the back-channel logouts
 * that could not be delivered. A fixed number of indexed queries, whatever the size of the audit log.
 */
@Controller
class ConsoleHomeController {

	static final int HOURS = 24;

	static final int LISTED = 10;

	private final AuditStatistics statistics;

	private final SsoSessions sessions;

	private final ClientCatalog clients;

	private final Clock clock = Clock.systemUTC();

	ConsoleHomeController(AuditStatistics statistics, SsoSessions sessions, ClientCatalog clients) {
		this.statistics = statistics;
		this.sessions = sessions;
		this.clients = clients;
	}

	@GetMapping({ "/admin", "/admin/" })
	String home(Model model) {
		Instant now = this.clock.instant();
		Instant from = AuditStatistics.firstHour(now, HOURS);
		SignInChart chart = SignInChart.of(from, this.statistics.perHour("sign-in", Outcome.SUCCESS, now, HOURS),
				this.statistics.perHour("sign-in", Outcome.FAILURE, now, HOURS));
		model.addAttribute("chart", chart);
		model.addAttribute("locks", this.statistics.count("sign-in.locked", Outcome.FAILURE, from));
		model.addAttribute("recentLocks", this.statistics.latest("sign-in.locked", Outcome.FAILURE, 5));
		model.addAttribute("liveSessions", this.sessions.countLive());
		model.addAttribute("apps", this.clients.recentlyUsed(LISTED));
		model.addAttribute("appCount", this.clients.count());
		model.addAttribute("failedDeliveries", this.statistics.count("backchannel-logout.failed", Outcome.FAILURE,
				from));
		model.addAttribute("recentFailedDeliveries",
				this.statistics.latest("backchannel-logout.failed", Outcome.FAILURE, LISTED));
		return "admin/home";
	}

}
