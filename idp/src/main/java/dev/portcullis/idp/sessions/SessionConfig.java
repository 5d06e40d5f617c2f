package dev.portcullis.idp.sessions;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * SSO sessions are Spring Session sessions in the database, so they survive a restart and are shared by every
 * node. The authorization server asks this registry for the session behind a sign-in: its id, hashed, is the
 * {@code sid} claim of the ID token and is checked again at RP-initiated logout. It is answered from the current
 * request's session, never by loading all of a person's sessions (see {@link CurrentSessionRegistry}).
 */
@Configuration(proxyBeanMethods = false)
class SessionConfig {

	@Bean
	SessionRegistry sessionRegistry() {
		return new CurrentSessionRegistry();
	}

	/** Right after Spring Session's filter (its default order, which Spring Boot keeps), before security. */
	@Bean
	FilterRegistrationBean<RedirectsCommitLast> redirectsCommitLast() {
		FilterRegistrationBean<RedirectsCommitLast> registration = new FilterRegistrationBean<>(
				new RedirectsCommitLast());
		registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
		return registration;
	}

}
