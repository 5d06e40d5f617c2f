package dev.portcullis.idp.users;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * User passwords: Argon2id for new hashes; older formats still verify and are re-hashed with Argon2id on the next
 * successful sign-in (see {@link AccountUserDetailsService#updatePassword}).
 */
@Configuration(proxyBeanMethods = false)
class PasswordConfig {

	/**
	 * Primary, so every Spring Security default that looks for "the" {@link PasswordEncoder} (the sign-in form's
	 * provider, which also upgrades old hashes) gets this one. Client secrets have their own encoder
	 * ({@code clients.ClientSecretEncoder}), wired explicitly where secrets are checked.
	 */
	@Bean
	@Primary
	PasswordEncoder passwordEncoder(MeterRegistry meters) {
		// One hash per core at a time: more would not finish sooner, and each needs 7 MiB of memory while it runs,
		// which the Argon2id encoder keeps for the next hash (so at most one area per core).
		int concurrent = Runtime.getRuntime().availableProcessors();
		Map<String, PasswordEncoder> encoders = Map.of("argon2", argon2id(concurrent), "bcrypt",
				new BCryptPasswordEncoder());
		// Metered inside the bound, so a hash's time is its own, not its wait for a turn.
		return new BoundedPasswordEncoder(
				new MeteredPasswordEncoder(new DelegatingPasswordEncoder("argon2", encoders), meters), concurrent);
	}

	/**
	 * Argon2id with Keycloak's defaults (7 MiB, 5 passes, 1 lane, 16-byte salt, 32-byte hash), one of OWASP's
	 * equivalent settings: the same cost per sign-in as Keycloak, and less than half the memory of Spring's
	 * defaults (16 MiB, 2 passes), which matters when many people sign in at once. Hashes made with other
	 * settings still verify and are re-hashed with these at the next sign-in. The hashes are Spring's
	 * {@code Argon2PasswordEncoder}'s, computed in reused memory ({@link Argon2idPasswordEncoder}).
	 */
	static Argon2idPasswordEncoder argon2id(int concurrent) {
		return new Argon2idPasswordEncoder(16, 32, 1, 7 * 1024, 5, concurrent);
	}

}
