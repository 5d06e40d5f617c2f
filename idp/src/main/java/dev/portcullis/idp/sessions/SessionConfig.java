package dev.portcullis.idp.sessions;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;

/**
 * SSO sessions are Spring Session sessions in the database, so they survive a restart and are shared by every
 * node. The authorization server asks this registry for the session behind a sign-in: its id, hashed, is the
 * {@code sid} claim of the ID token and is checked again at RP-initiated logout.
 */
@Configuration(proxyBeanMethods = false)
class SessionConfig {

	@Bean
	<S extends Session> SessionRegistry sessionRegistry(FindByIndexNameSessionRepository<S> sessions) {
		return new SpringSessionBackedSessionRegistry<>(sessions);
	}

}
