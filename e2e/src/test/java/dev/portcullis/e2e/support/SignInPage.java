package dev.portcullis.e2e.support;

import static dev.portcullis.e2e.support.Patience.present;
import static dev.portcullis.e2e.support.Patience.waitFor;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The IdP's sign-in page in a browser, where an app or the IdP's own pages send a person who is not signed in:
 * recognised by its username field, filled in and sent as a person does.
 */
public final class SignInPage {

    private final WebDriver driver;

    public SignInPage(WebDriver driver) {
        this.driver = driver;
    }

    public static boolean isShown(WebDriver driver) {
        return present(driver, "username");
    }

    /** Waits until the IdP asks for sign-in, after opening a page that needs it. */
    public SignInPage waitUntilShown() {
        waitFor(driver, "the sign-in page", SignInPage::isShown);
        return this;
    }

    /** Types the username and password and presses "Sign in". */
    public void signIn(String username, String password) {
        type("username", username);
        type("password", password);
        driver.findElement(By.id("sign-in")).click();
    }

    /** The error shown after a failed sign-in, once it is shown. */
    public String error() {
        return waitFor(driver, "the sign-in error", d -> d.findElements(By.id("login-error")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null)).getText();
    }

    /** What the username field holds. */
    public String username() {
        return driver.findElement(By.id("username")).getAttribute("value");
    }

    private void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }
}
