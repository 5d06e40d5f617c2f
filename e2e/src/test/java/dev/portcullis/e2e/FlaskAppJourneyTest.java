package dev.portcullis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.portcullis.e2e.support.Browsers;
import dev.portcullis.e2e.support.Browsers.Browser;
import dev.portcullis.e2e.support.PortcullisStack;
import dev.portcullis.e2e.support.PortcullisStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Beyond Spring: the Flask example app (examples/flask-app, Debian's python3-flask and python3-authlib) shares the
 * portal's and the dashboard's single sign-on and sign-out. It runs as the IdP's demo declaration of client
 * {@code flask} describes it, on the port the stack told the IdP. Without {@code /usr/bin/python3} and the two
 * packages the class is skipped with the reason; with {@code PORTCULLIS_REQUIRE_SERVICES=true} (CI) it fails.
 */
@ExtendWith(PortcullisStackExtension.class)
class FlaskAppJourneyTest {

    private static final Path PYTHON = Paths.get(System.getProperty("e2e.python", "/usr/bin/python3"));
    private static final Duration PATIENCE = Duration.ofSeconds(Long.getLong("e2e.waitSeconds", 30));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("e2e.startTimeoutSeconds", 180));

    private static PortcullisStack stack;
    private static Path appDir;
    private static Path log;
    private static Process flask;

    private Browser alice;

    @RegisterExtension
    static final TestWatcher FLASK_LOG_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            printLogTail(60);
        }
    };

    /** Runs before the stack is started (by the parameter of the @BeforeAll method): no Python, no stack needed. */
    @RegisterExtension
    static final BeforeAllCallback PYTHON_WITH_FLASK_AND_AUTHLIB = context -> {
        String missing = whyPythonIsUnusable();
        if (missing != null) {
            String reason = missing + "; install Debian's python3-flask and python3-authlib (.ci/run does)";
            if (Browsers.servicesRequired()) {
                throw new IllegalStateException("The Flask app cannot run: " + reason
                        + ", and PORTCULLIS_REQUIRE_SERVICES=true: not skipping");
            }
            System.out.println("[e2e] SKIPPED (Flask app): " + reason);
            Assumptions.abort(reason);
        }
    };

    @BeforeAll
    static void startTheFlaskApp(PortcullisStack started) throws IOException {
        stack = started;
        appDir = repoRoot().resolve("examples/flask-app");
        log = Files.createDirectories(repoRoot().resolve("e2e/target/e2e-stack")).resolve("flask-app.log");
        ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), "app.py")
                .directory(appDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Nothing of the developer's Python or Portcullis settings leaks into the app under test.
        builder.environment().keySet().removeIf(key -> key.startsWith("PYTHON") || key.startsWith("FLASK_")
                || key.startsWith("PORTCULLIS_") || key.equals("PORT"));
        builder.environment().putAll(Map.of(
                "PORT", String.valueOf(stack.flaskPort()),
                "FLASK_BASE_URL", stack.flaskUrl(""),
                "PORTCULLIS_ISSUER", stack.issuer(),
                // The IdP's demo declaration of client "flask" and its published demo secret.
                "FLASK_CLIENT_ID", "flask",
                "FLASK_CLIENT_SECRET", "flask-demo-secret",
                "PORTCULLIS_PORTAL_API_URL", stack.portalUrl("/api/me"),
                "PYTHONDONTWRITEBYTECODE", "1"));
        flask = builder.start();
        System.out.printf("[e2e] started the Flask app (pid %d) %s; log %s%n", flask.pid(), stack.flaskUrl("/"), log);
        awaitHealthy();
    }

    @AfterAll
    static void stopTheFlaskApp() throws InterruptedException {
        if (flask != null) {
            flask.destroy();
            if (!flask.waitFor(20, TimeUnit.SECONDS)) {
                flask.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @AfterEach
    void closeTheBrowser() {
        if (alice != null) {
            alice.close();
        }
    }

    @Test
    void whenAliceIsSignedInAtThePortalThenTheFlaskAppLetsHerInWithoutAskingAndShowsThePortalApisAnswer() {
        WebDriver driver = aliceSignedInAtThePortal();

        driver.get(stack.flaskUrl("/"));

        waitFor(driver, "the Flask app's home, without a second sign-in",
                d -> d.getCurrentUrl().startsWith(stack.flaskUrl("/")) && !d.findElements(By.id("user-name")).isEmpty());
        assertThat(driver.findElement(By.id("user-name")).getText()).isEqualTo("Alice Liddell");
        assertThat(driver.findElement(By.id("user-username")).getText()).isEqualTo("alice");
        assertThat(driver.findElement(By.id("api-result")).getText())
                .as("the portal's API accepted the Flask app's access token")
                .isEqualTo("The portal's API says you are alice.");
        assertThat(driver.findElement(By.id("api-client")).getText()).isEqualTo("flask");
        assertThat(driver.findElement(By.id("api-scopes")).getText()).contains("portal.api");
    }

    @Test
    void whenAliceSignsOutAtTheFlaskAppThenSheLandsOnItsWelcomePageAndThePortalAsksHerToSignInAgain() {
        WebDriver driver = aliceSignedInAtThePortalAndTheFlaskApp();

        driver.findElement(By.id("sign-out")).click();

        waitFor(driver, "the Flask app's welcome page (the registered post-logout redirect)",
                d -> d.getCurrentUrl().startsWith(stack.flaskUrl("/welcome")));
        assertAsksForSignIn(driver, stack.portalUrl("/"));
        assertAsksForSignIn(driver, stack.flaskUrl("/"));
    }

    @Test
    void whenAliceSignsOutAtThePortalThenTheFlaskAppIsToldAndAsksHerToSignInAgain() {
        WebDriver driver = aliceSignedInAtThePortalAndTheFlaskApp();
        driver.get(stack.portalUrl("/"));
        waitFor(driver, "the portal home", d -> !d.findElements(By.id("sign-out")).isEmpty());

        driver.findElement(By.id("sign-out")).click();
        waitFor(driver, "the portal's welcome page", d -> d.getCurrentUrl().startsWith(stack.portalUrl("/welcome")));

        // The Flask app's session ends only through the IdP's logout token (back-channel): its own cookie is intact.
        assertAsksForSignIn(driver, stack.flaskUrl("/"));
    }

    @Test
    void whenTheSignOutFormIsPostedWithoutItsCsrfTokenThenTheFlaskAppRefusesAndAliceStaysSignedIn() throws Exception {
        WebDriver driver = aliceSignedInAtThePortalAndTheFlaskApp();
        String cookie = driver.manage().getCookieNamed("FLASK_SESSION").getValue();

        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.flaskUrl("/logout")))
                .header("Cookie", "FLASK_SESSION=" + cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf_token=guessed")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(forged.statusCode()).isEqualTo(403);
        driver.get(stack.flaskUrl("/"));
        waitFor(driver, "the Flask app's home, still signed in", d -> !d.findElements(By.id("user-name")).isEmpty());
    }

    @Test
    void theFlaskAppsOwnTestsOfItsLogoutTokenRulesPass() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), "-m", "unittest", "discover", "-s", "tests", "-t", ".")
                .directory(appDir.toFile())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("PYTHON"));
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process tests = builder.start();
        tests.getOutputStream().close();
        String output = new String(tests.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = tests.waitFor(120, TimeUnit.SECONDS);

        System.out.println("[e2e] examples/flask-app unittest:\n" + output.lines()
                .filter(line -> !line.contains(" in signout: ") && !line.contains(" in signin: "))
                .reduce((a, b) -> a + "\n" + b).orElse(""));
        assertThat(finished).isTrue();
        assertThat(tests.exitValue()).as(output).isZero();
        assertThat(output).contains("OK");
    }

    private WebDriver aliceSignedInAtThePortal() {
        alice = Browsers.open();
        WebDriver driver = alice.driver();
        driver.get(stack.portalUrl("/"));
        waitFor(driver, "the sign-in page", d -> !d.findElements(By.id("username")).isEmpty());
        driver.findElement(By.id("username")).sendKeys("alice");
        driver.findElement(By.id("password")).sendKeys("alice-password");
        driver.findElement(By.id("sign-in")).click();
        waitFor(driver, "the portal home", d -> d.getCurrentUrl().startsWith(stack.portalUrl("/"))
                && !d.findElements(By.id("user-name")).isEmpty());
        return driver;
    }

    private WebDriver aliceSignedInAtThePortalAndTheFlaskApp() {
        WebDriver driver = aliceSignedInAtThePortal();
        driver.get(stack.flaskUrl("/"));
        waitFor(driver, "the Flask app's home", d -> d.getCurrentUrl().startsWith(stack.flaskUrl("/"))
                && !d.findElements(By.id("user-name")).isEmpty());
        return driver;
    }

    /** Back-channel logout is delivered in the background: reload until the app asks (bounded). */
    private static void assertAsksForSignIn(WebDriver driver, String appUrl) {
        new WebDriverWait(driver, PATIENCE, Duration.ofMillis(500))
                .withMessage(() -> appUrl + " still lets alice in: " + driver.getCurrentUrl())
                .until(d -> {
                    d.get(appUrl);
                    return !d.findElements(By.id("username")).isEmpty() && d.getCurrentUrl().startsWith(stack.idpUrl("/login"));
                });
    }

    private static void waitFor(WebDriver driver, String what, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, PATIENCE)
                .withMessage(() -> "waiting for " + what + "; the browser is at " + driver.getCurrentUrl())
                .until(condition::apply);
    }

    /** Null when /usr/bin/python3 can import flask and authlib, else what is missing. */
    private static String whyPythonIsUnusable() {
        if (!Files.isExecutable(PYTHON)) {
            return PYTHON + " not found";
        }
        try {
            Process check = new ProcessBuilder(PYTHON.toString(), "-c", "import flask, authlib")
                    .redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!check.waitFor(60, TimeUnit.SECONDS)) {
                check.destroyForcibly();
                return PYTHON + " did not answer";
            }
            return check.exitValue() == 0 ? null : PYTHON + " cannot import flask and authlib ("
                    + output.lines().reduce((first, last) -> last).orElse("") + ")";
        } catch (IOException e) {
            return PYTHON + " cannot run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!flask.isAlive()) {
                printLogTail(40);
                throw new IllegalStateException("The Flask app exited with " + flask.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(stack.flaskUrl("/actuator/health")))
                        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(300); // polling another process: nothing to wait on but time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("The Flask app was not healthy after " + START_TIMEOUT.toSeconds() + " s; see " + log);
    }

    private static void printLogTail(int lines) {
        try {
            if (log != null && Files.exists(log)) {
                List<String> all = List.of(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\\R"));
                System.out.println("----- last lines of " + log + " -----");
                all.subList(Math.max(0, all.size() - lines), all.size()).forEach(System.out::println);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repoRoot() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("e2e")) && Files.isDirectory(dir.resolve("idp"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the Portcullis repository root");
    }
}
