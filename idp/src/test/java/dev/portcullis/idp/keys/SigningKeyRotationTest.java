package dev.portcullis.idp.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.nimbusds.jose.jwk.JWK;
import dev.portcullis.idp.clients.ClientTokenLifetimes;
import dev.portcullis.idp.clients.InitialAccessTokens;
import dev.portcullis.idp.support.Databases;
import dev.portcullis.idp.support.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Key rotation: the next key is published a day before it signs, takes over at the end of the interval, and the
 * old one stays published a day longer, or as long as the longest-lived token it signed (30 days for an initial
 * access token) when that is longer, so no verifier ever meets a token whose key it cannot find.
 */
class SigningKeyRotationTest {

	private static final KeyProperties PROPERTIES = new KeyProperties(Duration.ofDays(90), Duration.ofDays(1),
			Duration.ofDays(1), KeyProperties.Algorithm.RS256);

	private final SigningKeyRepository repository = new SigningKeyRepository(JdbcClient.create(Databases.h2()), new KeyEncryption(""));

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	@Test
	void whenTheIntervalEndsThenTheNextKeyIsPublishedFirstSignsLaterAndTheOldOneLingers() {
		SigningKeys node = new SigningKeys(this.repository, PROPERTIES, this.clock);
		String first = signingKid(node);
		assertThat(publishedKids(node)).containsExactly(first);

		at(node, Instant.parse("2026-03-30T00:00:00Z")); // 89 days: nothing yet
		assertThat(publishedKids(node)).containsExactly(first);

		at(node, Instant.parse("2026-03-31T00:00:01Z")); // within a day of the handover
		List<String> published = publishedKids(node);
		assertThat(published).hasSize(2).contains(first);
		String second = published.stream().filter((kid) -> !kid.equals(first)).findFirst().orElseThrow();
		assertThat(signingKid(node)).as("published, not yet signing").isEqualTo(first);

		at(node, Instant.parse("2026-04-01T00:00:01Z")); // past the handover
		assertThat(signingKid(node)).isEqualTo(second);
		assertThat(publishedKids(node)).contains(first, second);

		at(node, Instant.parse("2026-04-02T00:00:02Z")); // past the retention
		assertThat(publishedKids(node)).containsExactly(second);
		assertThat(node.signing().getKeys()).allMatch(JWK::isPrivate);
		assertThat(node.published().getKeys()).noneMatch(JWK::isPrivate);
	}

	@Test
	void whenTheAlgorithmChangesToEs256ThenAnEcKeyIsPublishedFirstSignsADayLaterAndTheRsaKeyLingers() {
		SigningKeys rsa = new SigningKeys(this.repository, PROPERTIES, this.clock);
		String first = signingKid(rsa);
		assertThat(rsa.signingAlgorithm().getName()).isEqualTo("RS256");

		KeyProperties es256 = new KeyProperties(Duration.ofDays(90), Duration.ofDays(1), Duration.ofDays(1),
				KeyProperties.Algorithm.ES256);
		at(rsa, Instant.parse("2026-01-10T00:00:00Z")); // a restart with the new setting, long before rotation
		SigningKeys node = new SigningKeys(this.repository, es256, this.clock);
		assertThat(signingKid(node)).as("published, not yet signing").isEqualTo(first);
		assertThat(node.published().getKeys()).extracting((key) -> key.getKeyType().getValue())
			.containsExactlyInAnyOrder("RSA", "EC");

		at(node, Instant.parse("2026-01-11T00:00:01Z")); // past the head start
		assertThat(node.signingAlgorithm().getName()).isEqualTo("ES256");
		assertThat(publishedKids(node)).hasSize(2).contains(first);

		at(node, Instant.parse("2026-01-12T00:00:02Z")); // past the retention
		assertThat(node.published().getKeys()).singleElement()
			.satisfies((key) -> assertThat(key.getKeyType().getValue()).isEqualTo("EC"));
	}

	@Test
	void whenEs256IsConfiguredFromTheStartThenTheFirstKeyIsAnEcKey() {
		SigningKeys node = new SigningKeys(this.repository, new KeyProperties(Duration.ofDays(90), Duration.ofDays(1),
				Duration.ofDays(1), KeyProperties.Algorithm.ES256), this.clock);

		assertThat(node.signingAlgorithm().getName()).isEqualTo("ES256");
		assertThat(node.published().getKeys()).singleElement()
			.satisfies((key) -> assertThat(key.getKeyType().getValue()).isEqualTo("EC"));
	}

	@Test
	void whenTwoNodesRotateAtTheSameMomentThenOnlyOneSuccessorIsScheduled() throws Exception {
		// Each round: two nodes on one database, each with its own repository, look at their keys at the same
		// moment once the rotation is due: both find no successor, both generate one, one insert wins.
		ExecutorService nodes = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 5; round++) {
				DataSource database = Databases.h2();
				MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
				SigningKeys first = new SigningKeys(new SigningKeyRepository(JdbcClient.create(database), new KeyEncryption("")), PROPERTIES,
						clock);
				SigningKeys second = new SigningKeys(new SigningKeyRepository(JdbcClient.create(database), new KeyEncryption("")), PROPERTIES,
						clock);
				signingKid(first);
				signingKid(second);
				clock.set(Instant.parse("2026-03-31T12:00:00Z"));
				first.forget();
				second.forget();

				CyclicBarrier atOnce = new CyclicBarrier(2);
				Future<List<String>> one = nodes.submit(() -> {
					atOnce.await(10, TimeUnit.SECONDS);
					return publishedKids(first);
				});
				Future<List<String>> other = nodes.submit(() -> {
					atOnce.await(10, TimeUnit.SECONDS);
					return publishedKids(second);
				});

				assertThat(one.get(30, TimeUnit.SECONDS)).hasSize(2);
				assertThat(other.get(30, TimeUnit.SECONDS)).isEqualTo(one.get());
				assertThat(JdbcClient.create(database).sql("SELECT COUNT(*) FROM signing_keys")
					.query(Integer.class)
					.single()).as("keys stored after round " + round).isEqualTo(2);
			}
		}
		finally {
			nodes.shutdownNow();
		}
	}

	@Test
	void whenTheIdpWasDownAtTheDueTimeThenTheSuccessorStillGetsItsFullHeadStart() {
		SigningKeys node = new SigningKeys(this.repository, PROPERTIES, this.clock);
		String first = signingKid(node);

		at(node, Instant.parse("2026-06-01T00:00:00Z")); // long overdue
		assertThat(signingKid(node)).as("the overdue key still signs until the new one is known").isEqualTo(first);

		at(node, Instant.parse("2026-06-02T00:00:01Z"));
		assertThat(signingKid(node)).isNotEqualTo(first);
	}

	@Test
	void whenKeysRotateWhileAnInitialAccessTokenIsOutstandingThenTheOldKeyStaysPublishedUntilTheTokenExpires() {
		// What the running IdP derives: retain-after (1 day) is shorter than the tokens the clients feature signs.
		SignedTokenLifetime clientTokens = new ClientTokenLifetimes(new OAuth2AuthorizationServerProperties());
		SigningKeys node = new SigningKeys(this.repository, PROPERTIES, this.clock, List.of(clientTokens));
		assertThat(node.retention()).isEqualTo(InitialAccessTokens.MAX_LIFETIME);
		String first = signingKid(node);
		at(node, Instant.parse("2026-03-31T00:00:01Z")); // the successor is scheduled to take over on 1 April

		Instant issued = Instant.parse("2026-03-31T23:00:00Z"); // an hour before the handover
		at(node, issued);
		Jwt token = longestInitialAccessToken(node, issued);
		assertThat(token.getHeaders()).containsEntry("kid", first);

		at(node, Instant.parse("2026-04-02T00:00:02Z")); // past the handover and the old one-day retention
		assertThat(signingKid(node)).isNotEqualTo(first);
		assertThat(publishedKids(node)).contains(first);
		assertThat(verifiedAgainstJwks(node, token.getTokenValue()).getId()).isEqualTo(token.getId());

		at(node, token.getExpiresAt().minusSeconds(1)); // the token's last second
		assertThat(verifiedAgainstJwks(node, token.getTokenValue()).getId()).isEqualTo(token.getId());

		at(node, Instant.parse("2026-05-01T00:00:01Z")); // handover + 30 days: the token expired an hour ago
		assertThat(publishedKids(node)).doesNotContain(first).hasSize(1);
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> verifiedAgainstJwks(node, token.getTokenValue()));
	}

	@Test
	void whenAKeyWasSetToRetireSoonerThanItsTokensLiveThenItIsKeptLonger() {
		SigningKeys oneDay = new SigningKeys(this.repository, PROPERTIES, this.clock);
		String first = signingKid(oneDay);
		at(oneDay, Instant.parse("2026-03-31T00:00:01Z")); // successor takes over 1 April, first retires 2 April

		// An upgrade (or a longer token lifetime) before the old key is gone: it stays until its tokens expired.
		SigningKeys upgraded = new SigningKeys(this.repository, PROPERTIES, this.clock,
				List.of(() -> Duration.ofDays(30)));
		at(upgraded, Instant.parse("2026-04-01T12:00:00Z"));
		at(upgraded, Instant.parse("2026-04-20T00:00:00Z"));
		assertThat(publishedKids(upgraded)).contains(first);
		at(upgraded, Instant.parse("2026-05-01T00:00:01Z"));
		assertThat(publishedKids(upgraded)).doesNotContain(first);
	}

	/** An initial access token as {@link InitialAccessTokens} issues it, living as long as one may. */
	private static Jwt longestInitialAccessToken(SigningKeys node, Instant issuedAt) {
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer("http://localhost:9000")
			.subject("initial-access-token")
			.id("iat-1")
			.issuedAt(issuedAt)
			.expiresAt(issuedAt.plus(InitialAccessTokens.MAX_LIFETIME))
			.claim("scope", List.of(InitialAccessTokens.SCOPE))
			.build();
		return new KeysConfig().jwtEncoder(node)
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims));
	}

	/** Verifies as an app would: against the published JWKS, at the test clock's time. */
	private Jwt verifiedAgainstJwks(SigningKeys node, String token) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder
			.withJwkSource(new KeysConfig().jwkSource(node))
			.build();
		JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
		timestamps.setClock(this.clock);
		decoder.setJwtValidator(timestamps);
		return decoder.decode(token);
	}

	/** Moves the clock and lets the node look at its keys then, as a request at that time would. */
	private void at(SigningKeys node, Instant instant) {
		this.clock.set(instant);
		node.forget();
		node.published();
	}

	private static String signingKid(SigningKeys node) {
		return node.signing().getKeys().get(0).getKeyID();
	}

	private static List<String> publishedKids(SigningKeys node) {
		return node.published().getKeys().stream().map(JWK::getKeyID).sorted().toList();
	}

}
