package dev.portcullis.e2e;

import static dev.portcullis.e2e.support.Patience.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;

import dev.portcullis.e2e.support.Browsers;
import dev.portcullis.e2e.support.Browsers.Browser;
import dev.portcullis.e2e.support.KeptPages;
import dev.portcullis.e2e.support.PortcullisStack;
import dev.portcullis.e2e.support.PortcullisStackExtension;
import dev.portcullis.e2e.support.SignInPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * A person in a real browser, going through single sign-on the way a user does: the IdP, the
 * portal and the dashboard run as packaged jars (see {@link PortcullisStack}). Every test starts
 * with a fresh browser: nobody is signed in.
 */
@ExtendWith(PortcullisStackExtension.class)
class SingleSignOnJourneyTest {

    private static PortcullisStack stack;

    private Browser browser;
    private WebDriver driver;

    @BeforeAll
    static void startTheStack(PortcullisStack started) {
        stack = started;
    }

    @BeforeEach
    void openAFreshBrowser() {
        browser = Browsers.open();
        driver = browser.driver();
    }

    /** Keeps the last page of each test under target/e2e-pages for a look after a failure. */
    @AfterEach
    void closeTheBrowser(TestInfo test) {
        if (browser != null) {
            try {
                KeptPages.keep(driver, test.getTestMethod().map(m -> m.getName()).orElse("unknown"));
            } finally {
                browser.close();
            }
        }
    }

    @Test
    void whenAliceSignsInAtThePortalThenTheDashboardLetsHerInWithoutAskingAgain() {
        open(stack.portalUrl("/"));
        assertThat(waitForOneOf(Page.SIGN_IN, Page.PORTAL_HOME)).as("a visitor opening the portal").isEqualTo(Page.SIGN_IN);

        new SignInPage(driver).signIn("alice", "alice-password");

        assertThat(waitForOneOf(Page.PORTAL_HOME, Page.SIGN_IN)).as("after signing in").isEqualTo(Page.PORTAL_HOME);
        assertThat(text("user-name")).isEqualTo("Alice Liddell");
        assertThat(text("user-email")).isEqualTo("alice@example.com");

        open(stack.dashboardUrl("/"));
        assertThat(waitForOneOf(Page.DASHBOARD_HOME, Page.SIGN_IN))
                .as("the dashboard, opened by alice who signed in at the portal, without a sign-in form")
                .isEqualTo(Page.DASHBOARD_HOME);
        assertThat(text("user-name")).isEqualTo("Alice Liddell");
        assertThat(text("user-email")).isEqualTo("alice@example.com");
        assertThat(text("api-result")).as("what the dashboard fetched from the portal's /api/me with alice's token")
                .contains("alice");
    }

    @Test
    void whenAliceSignsOutAtThePortalThenSheLandsOnItsWelcomePageAndMustSignInAgain() {
        open(stack.portalUrl("/"));
        waitForOneOf(Page.SIGN_IN);
        new SignInPage(driver).signIn("alice", "alice-password");
        assertThat(waitForOneOf(Page.PORTAL_HOME, Page.SIGN_IN)).isEqualTo(Page.PORTAL_HOME);

        signOut();

        assertThat(waitForOneOf(Page.PORTAL_WELCOME, Page.PORTAL_HOME, Page.SIGN_IN))
                .as("where signing out at the portal lands").isEqualTo(Page.PORTAL_WELCOME);

        open(stack.portalUrl("/"));
        assertThat(waitForOneOf(Page.SIGN_IN, Page.PORTAL_HOME))
                .as("opening the portal again after signing out (the IdP session must have ended too)")
                .isEqualTo(Page.SIGN_IN);
    }

    @Test
    void whenBobTypesAWrongPasswordThenHeSeesAnErrorKeepsHisUsernameAndIsNotSignedIn() {
        // bob, not alice: a lock-out after failed attempts must not spill over into the other journeys.
        open(stack.portalUrl("/"));
        waitForOneOf(Page.SIGN_IN);

        SignInPage signInPage = new SignInPage(driver);
        signInPage.signIn("bob", "not-bobs-password");

        assertThat(signInPage.error()).contains("Invalid username or password");
        assertThat(Page.SIGN_IN.isShown(driver, stack)).as("still on the sign-in page").isTrue();
        assertThat(signInPage.username()).as("the username field").isEqualTo("bob");

        open(stack.portalUrl("/"));
        assertThat(waitForOneOf(Page.SIGN_IN, Page.PORTAL_HOME)).as("opening the portal after a failed sign-in")
                .isEqualTo(Page.SIGN_IN);
    }

    @Test
    void whenAFreshBrowserOpensTheDashboardThenItGetsTheSignInPage() {
        open(stack.dashboardUrl("/"));

        assertThat(waitForOneOf(Page.SIGN_IN, Page.DASHBOARD_HOME)).isEqualTo(Page.SIGN_IN);
        assertThat(driver.getTitle()).contains("Sign in");
        assertThat(driver.findElements(By.cssSelector("form input[name='_csrf']"))).as("the form's CSRF field").isNotEmpty();
        assertThat(driver.findElements(By.id("sign-in"))).as("the sign-in button").isNotEmpty();
    }

    // ---- the person's actions ----

    private void open(String url) {
        driver.get(url);
    }

    private void signOut() {
        driver.findElement(By.id("sign-out")).click();
    }

    private String text(String id) {
        return waitFor(driver, "element #" + id, d -> d.findElements(By.id(id)).stream().findFirst().orElse(null))
                .getText().strip();
    }

    // ---- where the browser is ----

    /** The pages a journey can land on, recognised by address and by what they show. */
    enum Page {
        SIGN_IN(s -> s.idpUrl("/login"), true, "username"),
        PORTAL_HOME(s -> s.portalUrl("/"), false, "user-name"),
        PORTAL_WELCOME(s -> s.portalUrl("/welcome"), true, null),
        DASHBOARD_HOME(s -> s.dashboardUrl("/"), false, "user-name");

        private final Function<PortcullisStack, String> address;
        private final boolean exactPath;
        private final String marker;

        Page(Function<PortcullisStack, String> address, boolean exactPath, String marker) {
            this.address = address;
            this.exactPath = exactPath;
            this.marker = marker;
        }

        boolean isShown(WebDriver driver, PortcullisStack stack) {
            String url = driver.getCurrentUrl();
            String expected = address.apply(stack);
            boolean here = exactPath
                    ? url.equals(expected) || url.startsWith(expected + "?") || url.startsWith(expected + "#")
                    : url.startsWith(expected) && !url.startsWith(expected + "welcome");
            return here && (marker == null || !driver.findElements(By.id(marker)).isEmpty());
        }
    }

    private Page waitForOneOf(Page... pages) {
        return waitFor(driver, "one of " + List.of(pages), d -> {
            for (Page page : pages) {
                if (page.isShown(d, stack)) {
                    return page;
                }
            }
            return null;
        });
    }
}
