package dev.portcullis.idp.hardening;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.portcullis.idp.support.Browser;
import dev.portcullis.idp.support.Browser.AuthorizationRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A visitor who never signs in gets a short-lived session (here 10 s, by default 10 minutes), so anonymous requests
 * cannot pile up session rows that live for hours; a sign-in gives the session the long idle timeout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "server.servlet.session.timeout=10s", "spring.session.jdbc.cleanup-cron=* * * * * *" })
@ActiveProfiles({ "demo", "test" })
class AnonymousSessionsExpireTest {

	private static final int VISITS = 10_000;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void whenTenThousandAnonymousRequestsArriveThenTheirSessionsAreGoneAfterTheShortTimeoutAndASignedInOneStays()
			throws Exception {
		Browser alice = new Browser(this.port);
		String code = alice.authorizationCode(AuthorizationRequest.of("test-client", "http://127.0.0.1:9999/callback",
				"openid"), "alice", "alice-password");
		assertThat(code).isNotBlank();
		int before = sessionRows();

		int created = visitWithoutCookies();

		assertThat(created).isEqualTo(VISITS);
		assertThat(sessionRows()).as("each cookie-less visit made a session").isGreaterThan(before);
		Instant deadline = Instant.now().plusSeconds(60);
		while (sessionRows() > before && Instant.now().isBefore(deadline)) {
			Thread.sleep(250);
		}
		assertThat(sessionRows()).as("the visitors' sessions are gone").isEqualTo(before);
		// alice's session has the signed-in idle timeout and is still there
		assertThat(Browser.location(alice.authorize(AuthorizationRequest.of("test-client",
				"http://127.0.0.1:9999/callback", "openid")))).contains("code=");
		assertThat(this.jdbc.sql("SELECT MAX(MAX_INACTIVE_INTERVAL) FROM SPRING_SESSION").query(Integer.class).single())
			.isEqualTo(8 * 3600);
	}

	/** Cookie-less sign-in page views, four at a time; returns how many answered 200. */
	private int visitWithoutCookies() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		AtomicInteger ok = new AtomicInteger();
		ExecutorService four = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> all = new ArrayList<>();
			for (int worker = 0; worker < 4; worker++) {
				all.add(four.submit(() -> {
					for (int i = 0; i < VISITS / 4; i++) {
						HttpResponse<Void> page = http.send(
								HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/login")).build(),
								HttpResponse.BodyHandlers.discarding());
						if (page.statusCode() == 200) {
							ok.incrementAndGet();
						}
					}
					return null;
				}));
			}
			for (Future<?> each : all) {
				each.get();
			}
		}
		finally {
			four.shutdownNow();
		}
		return ok.get();
	}

	private int sessionRows() {
		return this.jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION").query(Integer.class).single();
	}

}
