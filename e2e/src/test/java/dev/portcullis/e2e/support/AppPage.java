package dev.portcullis.e2e.support;

import static dev.portcullis.e2e.support.Patience.present;
import static dev.portcullis.e2e.support.Patience.waitFor;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * A relying-party app in a browser (the portal, the dashboard): its home, which shows the signed-in person's name,
 * its public welcome page where sign-out lands, its "Sign out" button and its {@code /logout} confirmation page.
 */
public final class AppPage {

    private final WebDriver driver;
    private final String name;
    private final String baseUrl;
    private final String idpSignIn;

    private AppPage(WebDriver driver, String name, String baseUrl, PortcullisStack stack) {
        this.driver = driver;
        this.name = name;
        this.baseUrl = baseUrl;
        this.idpSignIn = stack.idpUrl("/login");
    }

    public static AppPage portal(WebDriver driver, PortcullisStack stack) {
        return new AppPage(driver, "the portal", stack.portalUrl(""), stack);
    }

    public static AppPage dashboard(WebDriver driver, PortcullisStack stack) {
        return new AppPage(driver, "the dashboard", stack.dashboardUrl(""), stack);
    }

    /** Opens the app's home, which sends a person who is not signed in to the IdP. */
    public AppPage open() {
        driver.get(baseUrl + "/");
        return this;
    }

    /** Waits until the browser shows the app's home with a signed-in person; {@code how} says how it got there. */
    public AppPage waitForHome(String how) {
        waitFor(driver, name + "'s home" + how,
                d -> d.getCurrentUrl().startsWith(baseUrl + "/") && present(d, "user-name"));
        return this;
    }

    /** Presses "Sign out" on the page shown and waits for the app's welcome page. */
    public void signOut() {
        driver.findElement(By.id("sign-out")).click();
        waitFor(driver, name + "'s welcome page", d -> d.getCurrentUrl().startsWith(baseUrl + "/welcome"));
    }

    /** Opens {@code /logout} and returns the question its confirmation page asks. */
    public String openLogoutPage() {
        driver.get(baseUrl + "/logout");
        waitFor(driver, name + "'s sign-out page", d -> present(d, "sign-out-question"));
        return driver.findElement(By.id("sign-out-question")).getText();
    }

    /**
     * Asserts the app asks for sign-in again. Back-channel logout reaches the app in the background, so the home
     * is reloaded until it sends the browser to the IdP's sign-in page (bounded by {@link Patience#PAGE}).
     */
    public void assertAsksForSignIn() {
        waitFor(driver, name + " to ask for sign-in again", Duration.ofMillis(500), d -> {
            d.get(baseUrl + "/");
            return SignInPage.isShown(d) && d.getCurrentUrl().startsWith(idpSignIn);
        });
    }
}
