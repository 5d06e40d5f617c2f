package dev.portcullis.idp.users;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
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
	PasswordEncoder passwordEncoder() {
		Map<String, PasswordEncoder> encoders = Map.of("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
				"bcrypt", new BCryptPasswordEncoder());
		return new BoundedPasswordEncoder(new DelegatingPasswordEncoder("argon2", encoders),
				2 * Runtime.getRuntime().availableProcessors());
	}

}
