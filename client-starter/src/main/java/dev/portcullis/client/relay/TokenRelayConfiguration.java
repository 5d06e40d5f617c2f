package dev.portcullis.client.relay;

import dev.portcullis.client.PortcullisClientProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;

/** {@link PortcullisTokenRelay}, for calls to other apps' APIs as the signed-in person. */
@Configuration(proxyBeanMethods = false)
public class TokenRelayConfiguration {

	@Bean
	@ConditionalOnMissingBean(PortcullisTokenRelay.class)
	PortcullisTokenRelay portcullisTokenRelay(OAuth2AuthorizedClientManager authorizedClients,
			PortcullisClientProperties properties) {
		return new PortcullisTokenRelay(authorizedClients, properties.getRegistrationId(),
				properties.getTokenRelay().getConnectTimeout(), properties.getTokenRelay().getReadTimeout());
	}

}
