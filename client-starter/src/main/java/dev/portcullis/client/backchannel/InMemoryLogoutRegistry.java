package dev.portcullis.client.backchannel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/** The {@link LogoutRegistry} of an app running as one instance: lost on restart, as its sessions are. */
public final class InMemoryLogoutRegistry implements LogoutRegistry {

	private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final AtomicReference<Instant> lastPurge;

	private final Clock clock;

	public InMemoryLogoutRegistry() {
		this(Clock.systemUTC());
	}

	InMemoryLogoutRegistry(Clock clock) {
		this.clock = clock;
		this.lastPurge = new AtomicReference<>(clock.instant());
	}

	@Override
	public boolean firstUse(String jti, Instant keepUntil) {
		purgeNowAndThen();
		return this.entries.putIfAbsent("jti:" + jti, new Entry(null, null, keepUntil)) == null;
	}

	@Override
	public void recordLogout(String sid, String subject, Instant loggedOutAt, Instant keepUntil) {
		purgeNowAndThen();
		if (sid != null) {
			this.entries.put("sid:" + sid, new Entry(subject, loggedOutAt, keepUntil));
		}
		else {
			this.entries.merge("sub:" + subject, new Entry(subject, loggedOutAt, keepUntil), Entry::latest);
		}
	}

	@Override
	public boolean isEnded(String sid, String subject, Instant signedInAt) {
		Instant now = this.clock.instant();
		Entry session = (sid != null) ? this.entries.get("sid:" + sid) : null;
		if (session != null && session.keepUntil().isAfter(now)
				&& (session.subject() == null || session.subject().equals(subject))) {
			return true;
		}
		Entry everySession = this.entries.get("sub:" + subject);
		return everySession != null && everySession.keepUntil().isAfter(now)
				&& !signedInAt.isAfter(everySession.loggedOutAt());
	}

	private void purgeNowAndThen() {
		Instant now = this.clock.instant();
		Instant last = this.lastPurge.get();
		if (now.isAfter(last.plus(PURGE_EVERY)) && this.lastPurge.compareAndSet(last, now)) {
			this.entries.values().removeIf((entry) -> !entry.keepUntil().isAfter(now));
		}
	}

	private record Entry(String subject, Instant loggedOutAt, Instant keepUntil) {

		static Entry latest(Entry a, Entry b) {
			return new Entry(a.subject(), later(a.loggedOutAt(), b.loggedOutAt()), later(a.keepUntil(), b.keepUntil()));
		}

		private static Instant later(Instant a, Instant b) {
			return a.isAfter(b) ? a : b;
		}

	}

}
