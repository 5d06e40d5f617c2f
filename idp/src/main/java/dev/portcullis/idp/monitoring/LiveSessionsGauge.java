package dev.portcullis.idp.monitoring;

import dev.portcullis.idp.sessions.SsoSessions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * {@code portcullis.sessions.live}: SSO sessions alive now, read from the database at each scrape (one indexed
 * count). Every node reports the same figure, since they share the sessions: a dashboard takes the max, not the
 * sum. While the database cannot be reached the gauge reads NaN (no sample) instead of failing the scrape.
 */
@Component
class LiveSessionsGauge implements MeterBinder {

	private static final Log logger = LogFactory.getLog(LiveSessionsGauge.class);

	private final SsoSessions sessions;

	LiveSessionsGauge(SsoSessions sessions) {
		this.sessions = sessions;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(PortcullisMeters.LIVE_SESSIONS, this, LiveSessionsGauge::count)
			.description("SSO sessions alive now (cluster-wide)")
			.register(registry);
	}

	private double count() {
		try {
			return this.sessions.countLive();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not count live sessions", ex);
			return Double.NaN;
		}
	}

}
