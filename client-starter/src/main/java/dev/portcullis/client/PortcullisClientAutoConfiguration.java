package dev.portcullis.client;

import dev.portcullis.client.api.ApiConfiguration;
import dev.portcullis.client.backchannel.BackChannelLogoutConfiguration;
import dev.portcullis.client.relay.TokenRelayConfiguration;
import dev.portcullis.client.signin.SignInConfiguration;
import dev.portcullis.client.signout.SignOutConfiguration;
import dev.portcullis.client.web.WebHygieneConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Sign in with Portcullis: browser sign-in and sign-out, the back-channel logout receiver, the app's API as a
 * resource server, and {@code PortcullisTokenRelay} for calls to other apps' APIs. Ahead of Boot's own OAuth2 and
 * security auto-configuration, whose beans then give way to these. Off with {@code portcullis.client.enabled=false}.
 */
@AutoConfiguration(beforeName = { "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration",
		"org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "portcullis.client.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PortcullisClientProperties.class)
@Import({ SignInConfiguration.class, SignOutConfiguration.class, BackChannelLogoutConfiguration.class,
		ApiConfiguration.class, TokenRelayConfiguration.class, WebHygieneConfiguration.class })
public class PortcullisClientAutoConfiguration {

}
