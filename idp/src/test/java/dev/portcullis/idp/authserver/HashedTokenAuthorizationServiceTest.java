package dev.portcullis.idp.authserver;

import java.security.Principal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.portcullis.idp.audit.AuditLog;
import dev.portcullis.idp.support.Databases;
import dev.portcullis.idp.support.OnBothDatabases;
import dev.portcullis.idp.support.TestDatabase;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/** Grants are saved, found by each kind of token through the hash columns, updated and purged, on H2 and PostgreSQL. */
class HashedTokenAuthorizationServiceTest {

	@OnBothDatabases
	void whenAGrantMovesFromCodeToTokensThenEachTokenFindsItAndNothingElseDoes(
			TestDatabase database) throws Exception {
		DataSource dataSource = database.get();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		RegisteredClient client = client();
		HashedTokenAuthorizationService service = service(dataSource, client);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

		OAuth2Authorization withCode = OAuth2Authorization.withRegisteredClient(client)
			.id(UUID.randomUUID().toString())
			.principalName("user-1")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.attribute(OAuth2ParameterNames.STATE, "state-1")
			.token(new OAuth2AuthorizationCode("code-1", now, now.plusSeconds(300)))
			.build();
		service.save(withCode);

		assertThat(service.findByToken("code-1", new OAuth2TokenType(OAuth2ParameterNames.CODE)).getId())
			.isEqualTo(withCode.getId());
		assertThat(service.findByToken("code-1", null).getId()).isEqualTo(withCode.getId());
		assertThat(service.findByToken("state-1", new OAuth2TokenType(OAuth2ParameterNames.STATE))).isNotNull();
		assertThat(service.findByToken("code-2", new OAuth2TokenType(OAuth2ParameterNames.CODE))).isNull();
		assertThat(service.findByToken("code-1", OAuth2TokenType.ACCESS_TOKEN)).isNull();

		OAuth2Authorization withTokens = OAuth2Authorization.from(service.findById(withCode.getId()))
			.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-1", now,
					now.plusSeconds(300)))
			.refreshToken(new OAuth2RefreshToken("refresh-1", now, now.plusSeconds(3600)))
			.build();
		service.save(withTokens);

		assertThat(count(jdbc)).isEqualTo(1);
		OAuth2Authorization byAccess = service.findByToken("access-1", OAuth2TokenType.ACCESS_TOKEN);
		assertThat(byAccess.getAccessToken().getToken().getTokenValue()).isEqualTo("access-1");
		assertThat(service.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN).getId())
			.isEqualTo(withCode.getId());
		assertThat(service.findByToken("refresh-1", null).getId()).isEqualTo(withCode.getId());
		assertThat(service.findByToken("refresh-1", OAuth2TokenType.ACCESS_TOKEN)).isNull();
		// token values are looked up by hash: the stored hash is SHA-256 hex of the value
		assertThat(jdbc.queryForObject("SELECT access_token_hash FROM oauth2_authorization", String.class))
			.isEqualTo(HashedTokenAuthorizationService.hash("access-1"));

		assertThat(service.deleteExpired(now.plusSeconds(60))).isZero();
		assertThat(service.deleteExpired(now.plusSeconds(7200))).isEqualTo(1);
		assertThat(service.findById(withCode.getId())).isNull();
	}

	@OnBothDatabases
	void whenTheSameRowIsReadAgainThenItIsParsedOnceAndAChangedRowIsParsedAnew(
			TestDatabase database) throws Exception {
		DataSource dataSource = database.get();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		RegisteredClient client = client();
		HashedTokenAuthorizationService service = service(dataSource, client);
		OAuth2Authorization grant = clientCredentialsGrant(client, "user-3", "access-3");
		service.save(grant);

		// (by id: a lookup by token gives a copy holding the presented token's value, see TokenValuesAsHashes)
		OAuth2Authorization first = service.findById(grant.getId());
		assertThat(service.findById(grant.getId())).isSameAs(first);

		// Another node (or this one) changes the row: the next read sees the change, not the parsed copy.
		jdbc.update("UPDATE oauth2_authorization SET principal_name = 'user-4' WHERE id = ?", grant.getId());
		OAuth2Authorization changed = service.findById(grant.getId());
		assertThat(changed).isNotSameAs(first);
		assertThat(changed.getPrincipalName()).isEqualTo("user-4");
		assertThat(service.findByToken("access-3", OAuth2TokenType.ACCESS_TOKEN).getPrincipalName()).isEqualTo("user-4");

		jdbc.update("DELETE FROM oauth2_authorization WHERE id = ?", grant.getId());
		assertThat(service.findByToken("access-3", OAuth2TokenType.ACCESS_TOKEN)).isNull();
	}

	@OnBothDatabases
	void whenAGrantIsRemovedThenItsTokensFindNothing(TestDatabase database)
			throws Exception {
		DataSource dataSource = database.get();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		RegisteredClient client = client();
		HashedTokenAuthorizationService service = service(dataSource, client);
		Instant now = Instant.now();
		OAuth2Authorization authorization = OAuth2Authorization.withRegisteredClient(client)
			.principalName("user-2")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-2", now,
					now.plusSeconds(300)))
			.build();
		service.save(authorization);

		service.remove(authorization);

		assertThat(service.findByToken("access-2", OAuth2TokenType.ACCESS_TOKEN)).isNull();
		assertThat(count(jdbc)).isZero();
	}

	@OnBothDatabases
	void whenAGrantOfALiveSessionExpiresThenThePurgeKeepsItUntilTheSessionEnds(
			TestDatabase database) throws Exception {
		DataSource dataSource = database.get();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		RegisteredClient client = client();
		HashedTokenAuthorizationService service = service(dataSource, client);
		Instant now = Instant.now();
		for (String sid : java.util.List.of("sid-live", "sid-ended")) {
			service.save(OAuth2Authorization.withRegisteredClient(client)
				.principalName("user-3")
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.attribute(dev.portcullis.idp.sessions.SessionIds.SID_ATTRIBUTE, sid)
				.token(new OAuth2AuthorizationCode("code-" + sid, now, now.plusSeconds(60)))
				.build());
		}
		jdbc.update("INSERT INTO sso_sessions (session_id, sid, principal_name, started_at) VALUES (?, ?, ?, ?)",
				"session-live", "sid-live", "user-3", java.sql.Timestamp.from(now));

		assertThat(service.deleteExpired(now.plusSeconds(3600))).isEqualTo(1);

		assertThat(service.registeredClientIdsForSession("sid-live")).containsExactly(client.getId());
		assertThat(service.registeredClientIdsForSession("sid-ended")).isEmpty();
	}

	@OnBothDatabases
	void whenAGrantIsSavedThenTheNextRequestFindsItWithoutParsingAndExactlyAsItsRowReads(TestDatabase database)
			throws Exception {
		DataSource dataSource = database.get();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		RegisteredClient client = client();
		HashedTokenAuthorizationService service = service(dataSource, client);
		// Spring's own service over the same table: every read is a fresh parse of the row
		JdbcOAuth2AuthorizationService stock = new JdbcOAuth2AuthorizationService(jdbc,
				new JdbcRegisteredClientRepository(jdbc));
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Authentication person = UsernamePasswordAuthenticationToken.authenticated("user-5", null,
				AuthorityUtils.createAuthorityList("ROLE_USER"));
		OAuth2Authorization withCode = OAuth2Authorization.withRegisteredClient(client)
			.principalName("user-5")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizedScopes(Set.of("openid"))
			.attribute(Principal.class.getName(), person)
			.token(new OAuth2AuthorizationCode("code-5", now, now.plusSeconds(300)))
			.build();

		// the authorization request (one request) ...
		inRequest(() -> service.save(withCode));
		// ... and the code exchange (the next): the grant as saved, not parsed again, and equal to a parse of its row
		inRequest(() -> {
			OAuth2Authorization found = service.findByToken("code-5", new OAuth2TokenType(OAuth2ParameterNames.CODE));
			assertThat((Object) found.getAttribute(Principal.class.getName())).isSameAs(person);
			assertThat(found).isEqualTo(TokenValuesAsHashes.withPresented(stock.findById(withCode.getId()),
					"authorization_code_hash", "code-5"));
			service.save(OAuth2Authorization.from(found)
				.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-5", now,
						now.plusSeconds(300)))
				.refreshToken(new OAuth2RefreshToken("refresh-5", now, now.plusSeconds(3600)))
				.build());
		});
		// the refresh: the grant as the exchange saved it, token values in their stored form like a parsed row's
		inRequest(() -> {
			OAuth2Authorization found = service.findByToken("refresh-5", OAuth2TokenType.REFRESH_TOKEN);
			assertThat((Object) found.getAttribute(Principal.class.getName())).isSameAs(person);
			assertThat(found).isEqualTo(TokenValuesAsHashes.withPresented(stock.findById(withCode.getId()),
					"refresh_token_hash", "refresh-5"));
			assertThat(found.getAccessToken().getToken().getTokenValue()).startsWith(TokenValuesAsHashes.PREFIX);
		});

		// A change made elsewhere (another node) is a new version: parsed again, never the remembered copy.
		jdbc.update("UPDATE oauth2_authorization SET authorized_scopes = 'openid,profile', "
				+ "row_version = row_version + 1 WHERE id = ?", withCode.getId());
		inRequest(() -> {
			OAuth2Authorization found = service.findByToken("refresh-5", OAuth2TokenType.REFRESH_TOKEN);
			assertThat((Object) found.getAttribute(Principal.class.getName())).isNotSameAs(person)
				.isEqualTo(person);
			assertThat(found.getAuthorizedScopes()).containsExactlyInAnyOrder("openid", "profile");
		});
	}

	/** Runs {@code work} as one HTTP request would: the service keeps per-request state (versions read). */
	private static void inRequest(Runnable work) {
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
		try {
			work.run();
		}
		finally {
			RequestContextHolder.resetRequestAttributes();
		}
	}

	private static int count(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM oauth2_authorization", Integer.class);
	}

	/** The service over {@code dataSource}, with {@code client} registered. */
	/**
	 * Reading a grant not parsed yet looks its client up while the grant's result set is still open. That lookup
	 * must run on the connection the read holds: a second one taken from the pool is how a full pool waits on itself
	 * (the stock service's deadlock under load). With a pool of one connection, a second would time out.
	 */
	@Test
	void whenAGrantIsReadThenItsClientIsLookedUpOnTheConnectionTheReadHolds() {
		HikariConfig config = new HikariConfig();
		config.setDataSource(Databases.h2());
		config.setMaximumPoolSize(1);
		config.setConnectionTimeout(250);
		try (HikariDataSource pool = new HikariDataSource(config)) {
			RegisteredClient client = client();
			OAuth2Authorization grant = clientCredentialsGrant(client, "user-6", "access-6");
			service(pool, client).save(grant);

			// a service that has parsed nothing yet, as on another node or after a restart
			HashedTokenAuthorizationService fresh = service(pool);
			OAuth2Authorization found = fresh.findByToken("access-6", OAuth2TokenType.ACCESS_TOKEN);
			assertThat(found.getRegisteredClientId()).isEqualTo(client.getId());
			assertThat(fresh.findById(grant.getId()).getPrincipalName()).isEqualTo("user-6");
		}
	}

	private static HashedTokenAuthorizationService service(DataSource dataSource, RegisteredClient client) {
		new JdbcRegisteredClientRepository(new JdbcTemplate(dataSource)).save(client);
		return service(dataSource);
	}

	private static HashedTokenAuthorizationService service(DataSource dataSource) {
		return new HashedTokenAuthorizationService(new JdbcTemplate(dataSource),
				new JdbcRegisteredClientRepository(new JdbcTemplate(dataSource)),
				new DataSourceTransactionManager(dataSource), new AuditLog(JdbcClient.create(dataSource)));
	}

	private static OAuth2Authorization clientCredentialsGrant(RegisteredClient client, String principal,
			String accessToken) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		return OAuth2Authorization.withRegisteredClient(client)
			.principalName(principal)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, accessToken, now, now.plusSeconds(300)))
			.build();
	}

	private static RegisteredClient client() {
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId("client-" + UUID.randomUUID())
			.clientSecret("{noop}unused")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.redirectUri("http://127.0.0.1:9999/callback")
			.scope("openid")
			.build();
	}

}
