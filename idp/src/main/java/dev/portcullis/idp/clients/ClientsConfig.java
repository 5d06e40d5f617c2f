package dev.portcullis.idp.clients;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;

/**
 * Registered clients live in the database, behind a short-lived cache. What is written is held to the columns'
 * sizes ({@link RegisteredClientColumns}); what is read back is checked again ({@link StoredUriCheck}).
 */
@Configuration(proxyBeanMethods = false)
class ClientsConfig {

	@Bean
	CachingRegisteredClientRepository registeredClientRepository(JdbcOperations jdbcOperations,
			ClientsProperties properties) {
		JdbcRegisteredClientRepository jdbc = new JdbcRegisteredClientRepository(jdbcOperations);
		jdbc.setRegisteredClientRowMapper(
				new StoredUriCheck(new JdbcRegisteredClientRepository.JsonMapperRegisteredClientRowMapper()));
		jdbc.setRegisteredClientParametersMapper(RegisteredClientColumns
			.checked(new JdbcRegisteredClientRepository.JsonMapperRegisteredClientParametersMapper()));
		return new CachingRegisteredClientRepository(jdbc, properties.cacheTtl());
	}

	@Bean
	ClientSecretEncoder clientSecretEncoder() {
		return new ClientSecretEncoder();
	}

	/**
	 * @param cacheTtl how long a node serves a registered client from memory
	 * @param backchannelLogoutUris back-channel logout URI of declared clients, by client id (Boot's client keys
	 * have no place for it)
	 * @param secondFactorRequired client ids of declared clients whose users must use a second factor
	 */
	@ConfigurationProperties("portcullis.clients")
	record ClientsProperties(java.time.Duration cacheTtl, java.util.Map<String, String> backchannelLogoutUris,
			java.util.Set<String> secondFactorRequired) {

		ClientsProperties {
			backchannelLogoutUris = (backchannelLogoutUris != null) ? backchannelLogoutUris : java.util.Map.of();
			secondFactorRequired = (secondFactorRequired != null) ? secondFactorRequired : java.util.Set.of();
		}

	}

}
