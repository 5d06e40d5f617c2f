package dev.portcullis.e2e.support;

import java.time.Duration;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * How long the journeys wait, and the waiting itself: a condition polled until it holds, or a failure that says
 * what was awaited and what the browser shows. Generous bounds, never timed assertions: a busy 2-core machine is
 * slow, not wrong.
 */
public final class Patience {

    /** For a page to show what a step expects ({@code -De2e.waitSeconds}). */
    public static final Duration PAGE = Duration.ofSeconds(Long.getLong("e2e.waitSeconds", 30));

    /** For a packaged app to start and answer its health check ({@code -De2e.startTimeoutSeconds}). */
    public static final Duration START = Duration.ofSeconds(Long.getLong("e2e.startTimeoutSeconds", 180));

    private Patience() {
    }

    /** The condition's first value that is neither null nor false, within {@link #PAGE}. */
    public static <T> T waitFor(WebDriver driver, String what, Function<WebDriver, T> condition) {
        return waitFor(driver, what, Duration.ofMillis(500), condition);
    }

    /** The same, polling every {@code interval}: for a condition that reloads a page each time it is asked. */
    public static <T> T waitFor(WebDriver driver, String what, Duration interval, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PAGE, interval)
                .withMessage(() -> "waiting for " + what + "; the browser shows " + describe(driver))
                .until(condition::apply);
    }

    /** Whether the page has an element with this id: what most waits wait for. */
    public static boolean present(WebDriver driver, String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    private static String describe(WebDriver driver) {
        try {
            String body = driver.findElement(By.tagName("body")).getText();
            return driver.getCurrentUrl() + " titled \"" + driver.getTitle() + "\": "
                    + body.substring(0, Math.min(600, body.length())).replace('\n', ' ');
        } catch (RuntimeException e) {
            return driver.getCurrentUrl() + " (" + e.getClass().getSimpleName() + ")";
        }
    }
}
