package dev.portcullis.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Function;

import dev.portcullis.e2e.support.Browsers;
import dev.portcullis.e2e.support.Browsers.Browser;
import dev.portcullis.e2e.support.PortcullisStack;
import dev.portcullis.e2e.support.PortcullisStackExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Sign out once, signed out everywhere: however the IdP session ends, the apps signed in under it
 * are told in the background (back-channel logout) and ask for sign-in on the next visit.
 */
@ExtendWith(PortcullisStackExtension.class)
class SingleLogoutJourneyTest {

    private static final Duration PATIENCE = Duration.ofSeconds(Long.getLong("e2e.waitSeconds", 30));

    private static PortcullisStack stack;

    private Browser alice;
    private Browser other;

    @BeforeAll
    static void startTheStack(PortcullisStack started) {
        stack = started;
    }

    @BeforeEach
    void aliceIsSignedInAtBothApps() {
        alice = Browsers.open();
        WebDriver driver = alice.driver();
        driver.get(stack.portalUrl("/"));
        waitFor(driver, "the sign-in page", d -> !d.findElements(By.id("username")).isEmpty());
        signIn(driver, "alice", "alice-password");
        waitFor(driver, "the portal home", d -> d.getCurrentUrl().startsWith(stack.portalUrl("/"))
                && !d.findElements(By.id("user-name")).isEmpty());
        driver.get(stack.dashboardUrl("/"));
        waitFor(driver, "the dashboard home, without a second sign-in",
                d -> d.getCurrentUrl().startsWith(stack.dashboardUrl("/")) && !d.findElements(By.id("user-name")).isEmpty());
    }

    @AfterEach
    void closeBrowsers() {
        if (alice != null) {
            alice.close();
        }
        if (other != null) {
            other.close();
        }
    }

    @Test
    void whenAliceSignsOutAtTheDashboardThenThePortalAsksHerToSignInAgain() {
        WebDriver driver = alice.driver();

        driver.findElement(By.id("sign-out")).click();
        waitFor(driver, "the dashboard's welcome page", d -> d.getCurrentUrl().startsWith(stack.dashboardUrl("/welcome")));

        assertPortalAsksForSignIn(driver);
    }

    @Test
    void whenAliceOpensLogoutOnThePortalAndPressesTheButtonThenBothAppsAskHerToSignInAgain() {
        WebDriver driver = alice.driver();
        driver.get(stack.portalUrl("/logout"));
        waitFor(driver, "the sign-out page", d -> !d.findElements(By.id("sign-out-question")).isEmpty());
        assertThat(driver.findElement(By.id("sign-out-question")).getText()).isEqualTo("Sign out of Portal?");

        driver.findElement(By.id("sign-out")).click();
        waitFor(driver, "the portal's welcome page", d -> d.getCurrentUrl().startsWith(stack.portalUrl("/welcome")));

        assertAsksForSignIn(driver, stack.portalUrl("/"));
        assertAsksForSignIn(driver, stack.dashboardUrl("/"));
    }

    @Test
    void whenAliceSignsOutEverywhereFromAnotherBrowserThenThisBrowsersAppsAskHerToSignInAgain() {
        other = Browsers.open();
        WebDriver phone = other.driver();
        phone.get(stack.idpUrl("/account"));
        waitFor(phone, "the sign-in page", d -> !d.findElements(By.id("username")).isEmpty());
        signIn(phone, "alice", "alice-password");
        waitFor(phone, "alice's account page", d -> !d.findElements(By.id("sign-out-everywhere")).isEmpty());
        assertThat(phone.findElement(By.id("sessions")).getText()).as("the account page lists both sessions")
                .contains("Portal").contains("Dashboard").contains("this browser");

        phone.findElement(By.id("sign-out-everywhere")).click();
        waitFor(phone, "the sign-in page", d -> !d.findElements(By.id("username")).isEmpty());

        assertPortalAsksForSignIn(alice.driver());
        alice.driver().get(stack.dashboardUrl("/"));
        waitFor(alice.driver(), "the sign-in page at the dashboard", d -> !d.findElements(By.id("username")).isEmpty());
    }

    @Test
    void whenAnAdminForcesAliceToSignOutThenHerAppsAskHerToSignInAgain() {
        other = Browsers.open();
        WebDriver admin = other.driver();
        admin.get(stack.idpUrl("/admin/users?q=alice"));
        waitFor(admin, "the sign-in page", d -> !d.findElements(By.id("username")).isEmpty());
        signIn(admin, "admin", "admin-password");
        waitFor(admin, "the user list", d -> !d.findElements(By.linkText("alice")).isEmpty());
        admin.findElement(By.linkText("alice")).click();
        waitFor(admin, "alice's page", d -> !d.findElements(By.id("user-sessions")).isEmpty());
        admin.findElement(By.id("user-sessions")).click();
        waitFor(admin, "alice's sessions", d -> !d.findElements(By.id("force-sign-out")).isEmpty());
        assertThat(admin.findElement(By.id("sessions")).getText()).contains("Portal").contains("Dashboard");

        admin.findElement(By.id("force-sign-out")).click();
        waitFor(admin, "no sessions left", d -> !d.findElements(By.id("no-sessions")).isEmpty());

        assertPortalAsksForSignIn(alice.driver());
    }

    private void assertPortalAsksForSignIn(WebDriver driver) {
        assertAsksForSignIn(driver, stack.portalUrl("/"));
    }

    /** Back-channel logout is delivered in the background: reload until the app asks (bounded). */
    private void assertAsksForSignIn(WebDriver driver, String appUrl) {
        new WebDriverWait(driver, PATIENCE, Duration.ofMillis(500))
                .withMessage(() -> appUrl + " still lets alice in: " + driver.getCurrentUrl())
                .until(d -> {
                    d.get(appUrl);
                    return !d.findElements(By.id("username")).isEmpty() && d.getCurrentUrl().startsWith(stack.idpUrl("/login"));
                });
    }

    private static void signIn(WebDriver driver, String username, String password) {
        driver.findElement(By.id("username")).clear();
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
    }

    private static void waitFor(WebDriver driver, String what, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, PATIENCE)
                .withMessage(() -> "waiting for " + what + "; the browser is at " + driver.getCurrentUrl())
                .until(condition::apply);
    }
}
