package dev.portcullis.idp.admin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.portcullis.idp.support.Chromium;
import dev.portcullis.idp.support.IdpTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's home page in a real browser: with nothing to show it says so; with a day of sign-ins it draws one
 * bar per hour with exactly the day's counts (successes and failures stacked, the busiest hour full height), and
 * shows the figures, the apps with their last use and the failed deliveries. The page's own CSP is in force: a
 * chart that needed a script or an inline style would not render.
 */
@IdpTest
class ConsoleHomePageTest {

	/** Activity of the seeded day, hour by hour, oldest first. */
	private static final int[] SUCCEEDED = { 1, 0, 0, 0, 0, 0, 2, 5, 9, 14, 12, 10, 8, 11, 13, 12, 9, 7, 4, 3, 2, 1,
			0, 2 };

	private static final int[] FAILED = { 0, 0, 3, 0, 0, 0, 0, 1, 0, 2, 1, 0, 0, 0, 6, 0, 0, 1, 0, 0, 0, 0, 0, 0 };

	/** What this test puts in the audit log, and so what it removes first and last (the context is shared). */
	private static final List<String> ACTIONS = List.of("sign-in", "sign-in.locked", "backchannel-logout.failed");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private ChromeDriver browser;

	@BeforeEach
	void openBrowserAsAdmin() {
		this.browser = Chromium.open();
		this.browser.get(url("/login"));
		this.browser.findElement(By.name("username")).sendKeys("admin");
		this.browser.findElement(By.name("password")).sendKeys("admin-password");
		this.browser.findElement(By.cssSelector("form button[type=submit], form input[type=submit]")).click();
		// The sign-in's own audit event is written while the browser waits: clear only once it has landed.
		new WebDriverWait(this.browser, Duration.ofSeconds(30))
			.until((driver) -> !driver.getCurrentUrl().contains("/login"));
		clearActivity();
	}

	@AfterEach
	void closeBrowser() {
		clearActivity();
		this.browser.quit();
	}

	@Test
	void whenNothingHappenedYetThenTheHomePageSaysSoAndDrawsEmptyHours() {
		this.browser.get(url("/admin"));

		assertThat(this.browser.getTitle()).isEqualTo("Home · Portcullis admin");
		assertThat(text("chart-empty")).isEqualTo("No sign-ins in the last 24 hours.");
		assertThat(bars()).hasSize(24).allSatisfy((bar) -> {
			assertThat(bar.getDomAttribute("data-succeeded")).isEqualTo("0");
			assertThat(bar.findElement(By.cssSelector("rect.bar-succeeded")).getDomAttribute("height")).isEqualTo("0");
		});
		assertThat(text("signins-total")).isEqualTo("0");
		assertThat(text("signins-failed")).isEqualTo("0");
		assertThat(text("locks")).isEqualTo("0");
		assertThat(text("deliveries-failed")).isEqualTo("0");
		assertThat(text("no-failed-deliveries")).isEqualTo("Every back-channel logout was delivered.");
		assertThat(text("live-sessions")).isEqualTo(String.valueOf(liveSessions()));
		// Which apps fill the ten rows depends on what other tests of this context used; each row must tell the truth.
		List<WebElement> apps = this.browser.findElements(By.cssSelector("tr[id^='app-']"));
		assertThat(apps).isNotEmpty();
		for (WebElement app : apps) {
			String clientId = app.getDomAttribute("id").substring("app-".length());
			boolean used = this.jdbc.sql("SELECT last_used_at FROM oauth2_registered_client WHERE client_id = ?")
				.param(clientId)
				.query((rs, row) -> rs.getTimestamp(1) != null)
				.single();
			assertThat(app.getText().contains("never")).as("row of %s", clientId).isEqualTo(!used);
		}
	}

	@Test
	void whenADayOfSignInsIsRecordedThenEachHoursBarShowsItsCounts() throws Exception {
		this.browser.get(url("/admin"));
		Instant from = Instant.parse(chart().getDomAttribute("data-from"));
		for (int hour = 0; hour < 24; hour++) {
			seed("sign-in", "SUCCESS", from.plus(Duration.ofHours(hour).plusMinutes(20)), SUCCEEDED[hour], null);
			seed("sign-in", "FAILURE", from.plus(Duration.ofHours(hour).plusMinutes(40)), FAILED[hour],
					"wrong username or password");
		}
		seed("sign-in", "SUCCESS", from.minus(Duration.ofMinutes(1)), 50, null); // the day before: not drawn
		seed("sign-in.locked", "FAILURE", from.plus(Duration.ofHours(14)), 2,
				"username locked until (a minute later) after 6 attempts");
		seed("backchannel-logout.failed", "FAILURE", from.plus(Duration.ofHours(20)), 1,
				"gave up after 3 attempts, last: HTTP 503");
		Instant used = from.plus(Duration.ofHours(9)).plusSeconds(600);
		this.jdbc.sql("UPDATE oauth2_registered_client SET last_used_at = ? WHERE client_id = 'test-client'")
			.param(Timestamp.from(used))
			.update();

		this.browser.navigate().refresh();

		// an hour may have begun since the seeding: the bars are read against the page's own window
		long shift = Duration.between(from, Instant.parse(chart().getDomAttribute("data-from"))).toHours();
		List<WebElement> bars = bars();
		assertThat(bars).hasSize(24);
		for (int i = 0; i < 24; i++) {
			int hour = (int) (i + shift);
			WebElement bar = bars.get(i);
			assertThat(bar.getDomAttribute("data-succeeded")).as("hour %d", i)
				.isEqualTo(String.valueOf((hour < 24) ? SUCCEEDED[hour] : 0));
			assertThat(bar.getDomAttribute("data-failed")).as("hour %d", i)
				.isEqualTo(String.valueOf((hour < 24) ? FAILED[hour] : 0));
		}
		// the busiest hour (14 + 2 at 09:00, or 13 + 6 at 14:00) fills the chart's height
		WebElement busiest = bars.get((int) (14 - shift));
		int stacked = height(busiest, "bar-succeeded") + height(busiest, "bar-failed");
		assertThat(stacked).isEqualTo(160);
		assertThat(height(bars.get((int) (7 - shift)), "bar-succeeded")).isEqualTo(Math.round(5 * 160f / 19));
		assertThat(busiest.findElement(By.tagName("title")).getAttribute("textContent")).endsWith(
				": 13 signed in, 6 failed");
		assertThat(this.browser.findElements(By.id("chart-empty"))).isEmpty();
		assertThat(text("signins-total")).isEqualTo(String.valueOf(sum(SUCCEEDED, shift)));
		assertThat(text("signins-failed")).isEqualTo(String.valueOf(sum(FAILED, shift)));
		assertThat(text("locks")).isEqualTo("2");
		assertThat(text("deliveries-failed")).isEqualTo("1");
		assertThat(this.browser.findElement(By.id("failed-deliveries")).getText()).contains("test-client",
				"gave up after 3 attempts");
		assertThat(this.browser.findElement(By.id("app-test-client")).getText())
			.contains(new AdminFormat().time(used));
		// the bars are drawn: the stylesheet (not an inline style) gave them their colour
		assertThat(busiest.findElement(By.cssSelector("rect.bar-succeeded")).getCssValue("fill"))
			.isNotIn("none", "rgb(0, 0, 0)");

		Path screenshot = this.browser.getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(screenshot, Path.of("target", "admin-home.png"), StandardCopyOption.REPLACE_EXISTING);
	}

	private void seed(String action, String outcome, Instant at, int count, String details) {
		String target = action.startsWith("backchannel") ? "test-client" : "bob";
		for (int i = 0; i < count; i++) {
			this.jdbc.sql("INSERT INTO audit_events (occurred_at, actor, action, target, outcome, details) "
					+ "VALUES (?, 'system', ?, ?, ?, ?)")
				.params(Timestamp.from(at), action, target, outcome, details)
				.update();
		}
	}

	private void clearActivity() {
		for (String action : ACTIONS) {
			this.jdbc.sql("DELETE FROM audit_events WHERE action = ?").param(action).update();
		}
		this.jdbc.sql("UPDATE oauth2_registered_client SET last_used_at = NULL WHERE client_id = 'test-client'").update();
	}

	private long liveSessions() {
		return this.jdbc.sql("SELECT COUNT(*) FROM sso_sessions").query(Long.class).single();
	}

	private static long sum(int[] counts, long shift) {
		long sum = 0;
		for (int i = (int) shift; i < counts.length; i++) {
			sum += counts[i];
		}
		return sum;
	}

	private static int height(WebElement bar, String rectClass) {
		return Integer.parseInt(bar.findElement(By.cssSelector("rect." + rectClass)).getDomAttribute("height"));
	}

	private WebElement chart() {
		return this.browser.findElement(By.id("signin-chart"));
	}

	private List<WebElement> bars() {
		return chart().findElements(By.cssSelector("g.hour"));
	}

	private String text(String id) {
		return this.browser.findElement(By.id(id)).getText().trim();
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
