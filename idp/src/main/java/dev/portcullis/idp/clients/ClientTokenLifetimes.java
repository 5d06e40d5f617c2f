package dev.portcullis.idp.clients;

import java.time.Duration;
import java.util.stream.Stream;

import dev.portcullis.idp.keys.SignedTokenLifetime;

import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * The longest-lived JWTs signed for apps: initial access tokens (up to 30 days), registration access tokens (30
 * days), and access and ID tokens. Apps registered in the console, the admin API or dynamically get Spring's default
 * access-token lifetime (5 minutes); declared apps may configure theirs; ID tokens live 30 minutes (fixed in
 * Spring's {@code JwtGenerator}). Refresh tokens are opaque: no key signs them.
 */
@Component
public class ClientTokenLifetimes implements SignedTokenLifetime {

	/** What Spring's {@code JwtGenerator} gives every ID token. */
	static final Duration ID_TOKEN = Duration.ofMinutes(30);

	private final Duration longest;

	public ClientTokenLifetimes(OAuth2AuthorizationServerProperties properties) {
		Stream<Duration> declaredAccessTokens = properties.getClient()
			.values()
			.stream()
			.map((client) -> client.getToken().getAccessTokenTimeToLive());
		this.longest = Stream
			.concat(Stream.of(InitialAccessTokens.MAX_LIFETIME, RegistrationAccessTokens.LIFETIME, ID_TOKEN,
					TokenSettings.builder().build().getAccessTokenTimeToLive()), declaredAccessTokens)
			.max(Duration::compareTo)
			.orElseThrow();
	}

	@Override
	public Duration longest() {
		return this.longest;
	}

}
