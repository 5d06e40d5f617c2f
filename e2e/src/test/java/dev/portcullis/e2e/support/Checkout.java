package dev.portcullis.e2e.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where the build leaves what the journeys run: the repository root (found from wherever Maven or an IDE starts the
 * tests), each module's packaged jar, and the e2e work folder for logs and data.
 */
public final class Checkout {

    private static final String VERSION = System.getProperty("portcullis.version", "0.1.0-SNAPSHOT");

    private Checkout() {
    }

    public static Path root() {
        Path dir = Paths.get("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isDirectory(candidate.resolve("e2e")) && Files.isDirectory(candidate.resolve("idp"))
                    && Files.isRegularFile(candidate.resolve("pom.xml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("Cannot find the Portcullis repository root from " + dir);
    }

    /** The jar {@code ./mvnw package} makes of {@code module} (it may not be there yet). */
    public static Path packagedJar(String module) {
        return root().resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jar");
    }

    /** Logs and data of the processes the journeys start. */
    public static Path workDir() {
        return root().resolve("e2e/target/e2e-stack");
    }
}
