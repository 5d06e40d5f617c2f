package dev.portcullis.e2e;

import static dev.portcullis.e2e.support.KeptPages.keep;
import static dev.portcullis.e2e.support.Patience.present;
import static dev.portcullis.e2e.support.Patience.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.portcullis.e2e.support.AppPage;
import dev.portcullis.e2e.support.Browsers;
import dev.portcullis.e2e.support.Browsers.Browser;
import dev.portcullis.e2e.support.PortcullisStack;
import dev.portcullis.e2e.support.PortcullisStackExtension;
import dev.portcullis.e2e.support.SignInPage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Issue 3's journey, in a real browser against the packaged jars: the admin signs in at the IdP's console,
 * registers an app "reports" and reads the client id and secret it shows once; a third relying-party app started
 * with those credentials lets alice, already signed in at the portal, in without a second sign-in.
 */
@ExtendWith(PortcullisStackExtension.class)
class AdminRegistersAnAppJourneyTest {

    private static PortcullisStack stack;

    @BeforeAll
    static void startTheStack(PortcullisStack started) {
        stack = started;
    }

    @Test
    void whenAnAdminRegistersReportsInTheConsoleThenAThirdAppSignsAliceInWithoutASecondSignIn() {
        try (ThirdApp reports = ThirdApp.onFreePort("app-reports")) {
            Credentials credentials;
            try (Browser admin = Browsers.open()) {
                credentials = registerReports(admin.driver(), reports);
            }
            assertThat(credentials.clientId()).isEqualTo("reports");
            assertThat(credentials.secret()).matches("[A-Za-z0-9_-]{43}");

            reports.start(credentials.snippet());
            try (Browser alice = Browsers.open()) {
                WebDriver driver = alice.driver();
                driver.get(stack.portalUrl("/"));
                waitFor(driver, "the sign-in page", d -> present(d, "username"));
                new SignInPage(driver).signIn("alice", "alice-password");
                waitFor(driver, "the portal's home", d -> d.getCurrentUrl().startsWith(stack.portalUrl("/"))
                        && present(d, "user-name"));

                driver.get(reports.url("/"));
                WebElement name = waitFor(driver, "the reports app's home, with no sign-in form",
                        d -> d.getCurrentUrl().startsWith(reports.url("/")) && present(d, "user-name")
                                ? d.findElement(By.id("user-name")) : null);
                assertThat(name.getText().strip()).isEqualTo("Alice Liddell");
                assertThat(driver.findElements(By.id("password"))).as("no second sign-in").isEmpty();
                keep(driver, "reports-home");

                // Its "Sign out" signs alice out of every app, the portal and the dashboard too.
                driver.findElement(By.id("sign-out")).click();
                waitFor(driver, "the IdP's sign-in page after signing out",
                        d -> d.getCurrentUrl().startsWith(stack.idpUrl("/login")) && present(d, "username"));
                // Back-channel logout reaches the portal in the background: reload until it asks.
                AppPage.portal(driver, stack).assertAsksForSignIn();
                driver.get(stack.dashboardUrl("/"));
                waitFor(driver, "the dashboard asking for sign-in", d -> present(d, "username"));
            }
        }
    }

    /** The admin's part: sign in, "Register an app", fill the form, read what is shown once. */
    private Credentials registerReports(WebDriver driver, ThirdApp reports) {
        driver.get(stack.idpUrl("/admin/clients"));
        waitFor(driver, "the sign-in page", d -> present(d, "username"));
        new SignInPage(driver).signIn("admin", "admin-password");
        waitFor(driver, "the console's apps page", d -> present(d, "register-app"));

        driver.findElement(By.id("register-app")).click();
        waitFor(driver, "the registration form", d -> present(d, "client-form"));
        // Only what a newcomer fills: a name and the redirect URI. The rest is proposed or defaulted.
        type(driver, "name", "Reports");
        type(driver, "redirectUris", reports.url("/login/oauth2/code/portcullis"));
        assertThat(driver.findElement(By.id("postLogoutRedirectUris")).getAttribute("value"))
                .as("the console proposes the app's site as its sign-out return address").isEqualTo(reports.url("/"));
        driver.findElement(By.id("save-client")).click();

        WebElement clientId = waitFor(driver, "the shown client id",
                d -> present(d, "client-secret") ? d.findElement(By.id("client-id")) : null);
        String secret = driver.findElement(By.id("client-secret")).getText().strip();
        // textContent: the snippet exactly as it would be copied, indentation included.
        String snippet = driver.findElement(By.id("snippet")).getAttribute("textContent");
        assertThat(snippet).as("the client starter's snippet").contains("client-id: \"reports\"", secret,
                "issuer: \"" + stack.issuer() + "\"");
        assertThat(driver.findElements(By.cssSelector("button[data-copy='client-secret']"))).as("a copy button")
                .isNotEmpty();
        Matcher postLogout = Pattern.compile("post-logout-redirect-uri: \"([^\"]+)\"").matcher(snippet);
        assertThat(postLogout.find()).as("the snippet says where sign-out returns: %s", snippet).isTrue();
        assertThat(postLogout.group(1)).isEqualTo(reports.url("/"));
        return new Credentials(clientId.getText().strip(), secret, snippet);
    }

    private static void type(WebDriver driver, String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private record Credentials(String clientId, String secret, String snippet) {
        @Override
        public String toString() {
            return "Credentials[" + clientId + "]";
        }
    }
}
