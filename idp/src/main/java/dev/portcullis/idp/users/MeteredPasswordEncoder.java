package dev.portcullis.idp.users;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;

import dev.portcullis.idp.monitoring.PortcullisMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * What password hashing costs this node, as meters: each hash's time ({@code portcullis.password.hashes}, by
 * {@code operation}: check or new) and the CPU the hashing threads spent ({@code portcullis.password.hashing.cpu}).
 * The hash is meant to be the most expensive part of a sign-in; these say how much of the node's CPU it takes, whether
 * its cost (PasswordConfig) suits the hardware, and let bench/run.sh tell a sign-in's hash from the rest of its work,
 * measured in the same process at the same moment rather than estimated elsewhere.
 */
final class MeteredPasswordEncoder implements PasswordEncoder {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final PasswordEncoder delegate;

	private final Timer checks;

	private final Timer hashes;

	private final Counter cpu;

	private final boolean threadCpu;

	MeteredPasswordEncoder(PasswordEncoder delegate, MeterRegistry registry) {
		this.delegate = delegate;
		this.checks = timer(registry, "check");
		this.hashes = timer(registry, "new");
		this.cpu = Counter.builder(PortcullisMeters.PASSWORD_HASHING_CPU)
			.description("CPU time the threads computing password hashes spent on them")
			.baseUnit("seconds")
			.register(registry);
		this.threadCpu = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
	}

	private static Timer timer(MeterRegistry registry, String operation) {
		return Timer.builder(PortcullisMeters.PASSWORD_HASHES)
			.description("Password hashes computed: checks of a typed password, and new hashes of a chosen one")
			.tag("operation", operation)
			.register(registry);
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return metered(this.hashes, () -> this.delegate.encode(rawPassword));
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		return metered(this.checks, () -> this.delegate.matches(rawPassword, encodedPassword));
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

	/** The timer measures the hash's time; the thread's CPU clock before and after, its CPU. */
	private <T> T metered(Timer timer, Supplier<T> hash) {
		long cpuBefore = this.threadCpu ? THREADS.getCurrentThreadCpuTime() : 0;
		try {
			return timer.record(hash);
		}
		finally {
			if (this.threadCpu) {
				this.cpu.increment((THREADS.getCurrentThreadCpuTime() - cpuBefore) / 1e9);
			}
		}
	}

}
