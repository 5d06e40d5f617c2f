package dev.portcullis.e2e.support;

import static dev.portcullis.e2e.support.Patience.present;
import static dev.portcullis.e2e.support.Patience.waitFor;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** The IdP's admin console in a browser: a person found in the user list, their sessions, and ending them. */
public final class AdminConsolePage {

    private final WebDriver driver;
    private final PortcullisStack stack;

    public AdminConsolePage(WebDriver driver, PortcullisStack stack) {
        this.driver = driver;
        this.stack = stack;
    }

    /** Opens a page of the console; an admin who is not signed in yet is sent to sign in first. */
    public AdminConsolePage open(String path) {
        driver.get(stack.idpUrl(path));
        return this;
    }

    /** From the user list on screen, {@code username}'s page, then their sessions. */
    public AdminConsolePage openSessionsOf(String username) {
        waitFor(driver, "the user list", d -> !d.findElements(By.linkText(username)).isEmpty());
        driver.findElement(By.linkText(username)).click();
        waitFor(driver, username + "'s page", d -> present(d, "user-sessions"));
        driver.findElement(By.id("user-sessions")).click();
        waitFor(driver, username + "'s sessions", d -> present(d, "force-sign-out"));
        return this;
    }

    /** The table of the person's sessions, as text. */
    public String sessions() {
        return driver.findElement(By.id("sessions")).getText();
    }

    /** Presses "Force sign-out everywhere" and waits until no session is left. */
    public void forceSignOut() {
        driver.findElement(By.id("force-sign-out")).click();
        waitFor(driver, "no sessions left", d -> present(d, "no-sessions"));
    }
}
