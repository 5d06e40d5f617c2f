package dev.portcullis.client.backchannel;

import javax.sql.DataSource;

import dev.portcullis.client.PortcullisClientProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the back-channel logout receiver remembers. The browser chain adds the receiver and the
 * {@link EndedSessionFilter} when there is a registry; off with
 * {@code portcullis.client.back-channel-logout.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "portcullis.client.back-channel-logout.enabled", matchIfMissing = true)
public class BackChannelLogoutConfiguration {

	@Bean
	@ConditionalOnMissingBean(LogoutRegistry.class)
	@ConditionalOnProperty(name = "portcullis.client.back-channel-logout.store", havingValue = "memory",
			matchIfMissing = true)
	InMemoryLogoutRegistry portcullisInMemoryLogoutRegistry() {
		return new InMemoryLogoutRegistry();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JdbcClient.class)
	@ConditionalOnProperty(name = "portcullis.client.back-channel-logout.store", havingValue = "jdbc")
	static class Jdbc {

		@Bean
		@ConditionalOnMissingBean(LogoutRegistry.class)
		JdbcLogoutRegistry portcullisJdbcLogoutRegistry(DataSource dataSource, PortcullisClientProperties properties) {
			JdbcLogoutRegistry registry = new JdbcLogoutRegistry(JdbcClient.create(dataSource));
			if (properties.getBackChannelLogout().isInitializeSchema()) {
				registry.createTableIfMissing();
			}
			return registry;
		}

	}

}
