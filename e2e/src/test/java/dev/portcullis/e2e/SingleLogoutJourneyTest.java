package dev.portcullis.e2e;

import static dev.portcullis.e2e.support.Patience.present;
import static dev.portcullis.e2e.support.Patience.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.e2e.support.AdminConsolePage;
import dev.portcullis.e2e.support.AppPage;
import dev.portcullis.e2e.support.Browsers;
import dev.portcullis.e2e.support.Browsers.Browser;
import dev.portcullis.e2e.support.PortcullisStack;
import dev.portcullis.e2e.support.PortcullisStackExtension;
import dev.portcullis.e2e.support.SignInPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * Sign out once, signed out everywhere: however the IdP session ends, the apps signed in under it
 * are told in the background (back-channel logout) and ask for sign-in on the next visit.
 */
@ExtendWith(PortcullisStackExtension.class)
class SingleLogoutJourneyTest {

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
        AppPage.portal(driver, stack).open();
        new SignInPage(driver).waitUntilShown().signIn("alice", "alice-password");
        AppPage.portal(driver, stack).waitForHome("");
        AppPage.dashboard(driver, stack).open().waitForHome(", without a second sign-in");
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

        AppPage.dashboard(driver, stack).signOut();

        AppPage.portal(driver, stack).assertAsksForSignIn();
    }

    @Test
    void whenAliceOpensLogoutOnThePortalAndPressesTheButtonThenBothAppsAskHerToSignInAgain() {
        WebDriver driver = alice.driver();
        AppPage portal = AppPage.portal(driver, stack);
        assertThat(portal.openLogoutPage()).isEqualTo("Sign out of Portal?");

        portal.signOut();

        portal.assertAsksForSignIn();
        AppPage.dashboard(driver, stack).assertAsksForSignIn();
    }

    @Test
    void whenAliceSignsOutEverywhereFromAnotherBrowserThenThisBrowsersAppsAskHerToSignInAgain() {
        other = Browsers.open();
        WebDriver phone = other.driver();
        phone.get(stack.idpUrl("/account"));
        new SignInPage(phone).waitUntilShown().signIn("alice", "alice-password");
        waitFor(phone, "alice's account page", d -> present(d, "sign-out-everywhere"));
        assertThat(phone.findElement(By.id("sessions")).getText()).as("the account page lists both sessions")
                .contains("Portal").contains("Dashboard").contains("this browser");

        phone.findElement(By.id("sign-out-everywhere")).click();
        new SignInPage(phone).waitUntilShown();

        AppPage.portal(alice.driver(), stack).assertAsksForSignIn();
        AppPage.dashboard(alice.driver(), stack).open();
        new SignInPage(alice.driver()).waitUntilShown();
    }

    @Test
    void whenAnAdminForcesAliceToSignOutThenHerAppsAskHerToSignInAgain() {
        other = Browsers.open();
        WebDriver admin = other.driver();
        AdminConsolePage console = new AdminConsolePage(admin, stack).open("/admin/users?q=alice");
        new SignInPage(admin).waitUntilShown().signIn("admin", "admin-password");
        console.openSessionsOf("alice");
        assertThat(console.sessions()).contains("Portal").contains("Dashboard");

        console.forceSignOut();

        AppPage.portal(alice.driver(), stack).assertAsksForSignIn();
    }
}
