package dev.portcullis.idp.users;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Lets only a few password hashes run at once. Each Argon2id hash takes 7 MiB and about 20 ms of CPU; a flood of
 * sign-in posts (unknown usernames are hashed too, so timing never tells) would otherwise exhaust memory. The bound
 * also caps the memory areas that {@link Argon2idPasswordEncoder} keeps for reuse at one per permit. Beyond the bound a request waits briefly, then fails as a sign-in failure, not a crash.
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

	private static final long MAX_WAIT_SECONDS = 5;

	private final PasswordEncoder delegate;

	private final Semaphore permits;

	BoundedPasswordEncoder(PasswordEncoder delegate, int concurrent) {
		this.delegate = delegate;
		this.permits = new Semaphore(concurrent, true);
	}

	@Override
	public String encode(CharSequence rawPassword) {
		acquire();
		try {
			return this.delegate.encode(rawPassword);
		}
		finally {
			this.permits.release();
		}
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		acquire();
		try {
			return this.delegate.matches(rawPassword, encodedPassword);
		}
		finally {
			this.permits.release();
		}
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

	private void acquire() {
		try {
			if (!this.permits.tryAcquire(MAX_WAIT_SECONDS, TimeUnit.SECONDS)) {
				throw new InternalAuthenticationServiceException("Too many sign-ins at once; try again");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InternalAuthenticationServiceException("Interrupted while waiting to check a password", ex);
		}
	}

}
