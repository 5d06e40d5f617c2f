package dev.portcullis.idp.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real browser for the IdP's own page tests: Debian's Chromium, headless, through its chromedriver. Nothing is
 * downloaded (explicit paths, so Selenium Manager is never asked). Without Chromium the test is skipped with the
 * reason, or fails under {@code PORTCULLIS_REQUIRE_SERVICES=true} (CI), as {@link TestPostgres} does. (The e2e
 * module falls back to HtmlUnit; here the point of the test is what a real browser draws.) A class marked
 * {@link Required} is skipped (or failed) the same way before anything of it runs, its Spring context included.
 */
public final class Chromium {

	private static final Path BROWSER = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));

	private static final Path DRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));

	private Chromium() {
	}

	/** A fresh headless Chromium with an empty profile; quit it when done. */
	public static ChromeDriver open() {
		if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
			String reason = "SKIPPED (browser tests): Chromium not found at " + BROWSER + " and " + DRIVER
					+ " (install Debian's chromium and chromium-driver)";
			if (TestPostgres.servicesRequired()) {
				throw new IllegalStateException(reason + "; PORTCULLIS_REQUIRE_SERVICES=true forbids skipping");
			}
			System.out.println(reason);
			Assumptions.abort(reason);
		}
		System.setProperty("webdriver.chrome.driver", DRIVER.toString());
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BROWSER.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-default-apps", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
				"--window-size=1200,1400", "--user-data-dir=" + profile());
		options.setExperimentalOption("prefs", Map.of("credentials_enable_service", false,
				"profile.password_manager_enabled", false, "profile.password_manager_leak_detection", false));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER.toString()))
			.usingAnyFreePort()
			.withSilent(true)
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return driver;
	}

	/** Why browser tests would be skipped here, or empty when Chromium is installed. */
	public static Optional<String> unavailableReason() {
		return (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) ? Optional.empty()
				: Optional.of("Chromium not found at " + BROWSER + " and " + DRIVER
						+ " (install Debian's chromium and chromium-driver)");
	}

	/** Skips (or, under {@code PORTCULLIS_REQUIRE_SERVICES=true}, fails) the class when Chromium is missing. */
	@Target(ElementType.TYPE)
	@Retention(RetentionPolicy.RUNTIME)
	@ExtendWith(Condition.class)
	public @interface Required {

	}

	static final class Condition implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			return unavailableReason().map((reason) -> {
				if (TestPostgres.servicesRequired()) {
					throw new IllegalStateException(reason + "; PORTCULLIS_REQUIRE_SERVICES=true forbids skipping");
				}
				System.out.println("SKIPPED (browser tests): " + context.getDisplayName() + ": " + reason);
				return ConditionEvaluationResult.disabled(reason);
			}).orElseGet(() -> ConditionEvaluationResult.enabled("Chromium is installed"));
		}

	}

	private static Path profile() {
		try {
			return Files.createTempDirectory(Files.createDirectories(Path.of("target", "chromium-profiles").toAbsolutePath()),
					"profile-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
