package dev.portcullis.idp.support;

import java.io.File;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium (headless) through its chromedriver, for page tests that need a real browser (passkeys: the
 * Chrome DevTools WebAuthn domain gives it a virtual authenticator). Nothing is downloaded: both paths are explicit,
 * so Selenium Manager is never consulted. A class marked {@link Required} is skipped with the reason when Chromium
 * is missing, and fails instead under {@code PORTCULLIS_REQUIRE_SERVICES=true} (CI).
 */
public final class Chromium {

	private static final Path BROWSER = Paths.get(System.getProperty("idp.chromium", "/usr/bin/chromium"));

	private static final Path DRIVER = Paths.get(System.getProperty("idp.chromedriver", "/usr/bin/chromedriver"));

	private Chromium() {
	}

	public static Optional<String> unavailableReason() {
		if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
			return Optional.empty();
		}
		return Optional.of("Chromium not found (" + BROWSER + ", " + DRIVER
				+ "; install Debian's chromium and chromium-driver)");
	}

	/** A new headless browser with an empty profile: a new person at a new machine. */
	public static ChromeDriver open() {
		System.setProperty("webdriver.chrome.driver", DRIVER.toString());
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BROWSER.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-default-apps", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
				"--window-size=1280,1000");
		options.setExperimentalOption("prefs", Map.of("credentials_enable_service", false,
				"profile.password_manager_enabled", false, "profile.password_manager_leak_detection", false));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(DRIVER.toString()))
			.usingAnyFreePort()
			.withSilent(true)
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return driver;
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
				System.out.println("[idp] skipping " + context.getDisplayName() + ": " + reason);
				return ConditionEvaluationResult.disabled(reason);
			}).orElseGet(() -> ConditionEvaluationResult.enabled("Chromium is installed"));
		}

	}

}
