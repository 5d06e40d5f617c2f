package dev.portcullis.e2e.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.htmlunit.BrowserVersion;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;

/**
 * Opens a fresh browser: Debian's Chromium (headless) through its chromedriver, or HtmlUnit where
 * Chromium is not installed. Nothing is ever downloaded: the driver and browser paths are explicit,
 * so Selenium Manager is not consulted. With {@code PORTCULLIS_REQUIRE_SERVICES=true} (CI) a missing
 * Chromium fails the test instead of falling back.
 */
public final class Browsers {

    private static final Path CHROMIUM = Paths.get(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Paths.get(System.getProperty("e2e.chromedriver", "/usr/bin/chromedriver"));
    private static volatile boolean announced;

    private Browsers() {
    }

    /** Whether CI asked for every needed service (here: Chromium) to be present rather than skipped or replaced. */
    public static boolean servicesRequired() {
        return "true".equalsIgnoreCase(System.getenv("PORTCULLIS_REQUIRE_SERVICES"));
    }

    /** A new browser with no cookies and no history: a new person at a new machine. */
    public static Browser open() {
        String choice = System.getProperty("e2e.browser", "auto");
        boolean chromiumPresent = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if ("htmlunit".equalsIgnoreCase(choice)) {
            return htmlUnit("asked for with -De2e.browser=htmlunit");
        }
        if (chromiumPresent) {
            return chromium();
        }
        String missing = "Chromium not found (" + CHROMIUM + ", " + CHROMEDRIVER
                + "; install Debian's chromium and chromium-driver)";
        if (servicesRequired() || "chromium".equalsIgnoreCase(choice)) {
            throw new IllegalStateException(missing + " and PORTCULLIS_REQUIRE_SERVICES=true: not falling back to HtmlUnit");
        }
        return htmlUnit(missing + ": falling back to HtmlUnit");
    }

    private static Browser chromium() {
        // Belt and braces: with an explicit driver Selenium Manager is never asked for one.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile = newProfileDir();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
                "--window-size=1280,1000", "--user-data-dir=" + profile);
        // No password manager pop-ups or leak checks for the demo passwords.
        options.setExperimentalOption("prefs", Map.of("credentials_enable_service", false,
                "profile.password_manager_enabled", false, "profile.password_manager_leak_detection", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        announce("Chromium " + driver.getCapabilities().getBrowserVersion() + " (" + CHROMIUM + ", headless) via "
                + CHROMEDRIVER);
        return new Browser(driver, "chromium", profile);
    }

    private static Browser htmlUnit(String why) {
        Logger.getLogger("org.htmlunit").setLevel(Level.SEVERE);
        HtmlUnitDriver driver = new HtmlUnitDriver(BrowserVersion.CHROME, true);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        announce("HtmlUnit (" + why + ")");
        return new Browser(driver, "htmlunit", null);
    }

    private static void announce(String what) {
        if (!announced) {
            announced = true;
            System.out.println("[e2e] browser: " + what);
        }
    }

    private static Path newProfileDir() {
        try {
            Path base = Files.createDirectories(Paths.get("target", "e2e-browser-profiles").toAbsolutePath());
            return Files.createTempDirectory(base, "chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A browser and its throw-away profile; closing quits the browser and deletes the profile. */
    public record Browser(WebDriver driver, String kind, Path profileDir) implements AutoCloseable {

        public boolean isHtmlUnit() {
            return "htmlunit".equals(kind);
        }

        @Override
        public void close() {
            try {
                driver.quit();
            } finally {
                if (profileDir != null) {
                    try (Stream<Path> paths = Files.walk(profileDir)) {
                        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                    } catch (IOException | UncheckedIOException e) {
                        // a leftover profile under target/ is harmless
                    }
                }
            }
        }
    }
}
