package dev.portcullis.e2e.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.openqa.selenium.WebDriver;

/** Pages kept under target/e2e-pages, for a look after the run (a failed journey keeps its last page). */
public final class KeptPages {

    private KeptPages() {
    }

    /** Keeps the page the browser shows now as {@code name}.html, headed by its address. */
    public static void keep(WebDriver driver, String name) {
        try {
            Path dir = Files.createDirectories(Paths.get("target", "e2e-pages"));
            Files.writeString(dir.resolve(name + ".html"),
                    "<!-- " + driver.getCurrentUrl() + " -->\n" + driver.getPageSource(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            System.out.println("[e2e] could not keep the page: " + e);
        }
    }
}
