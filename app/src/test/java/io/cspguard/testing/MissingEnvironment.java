package io.cspguard.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * What a test does when the machine lacks something it needs (a PostgreSQL server, Chromium): in CI, fail; on a
 * developer's machine, skip — loudly. Surefire sends a test's output to a report file, so the reason is also
 * appended to the file named by the system property {@code cspguard.skipReport}, which {@code ./run-tests} prints
 * after the build.
 */
public final class MissingEnvironment {
    private MissingEnvironment() {
    }

    /** Whether this is CI: {@code CI} set to anything but empty, {@code false} or {@code 0}. */
    public static boolean inCi() {
        String ci = System.getenv("CI");
        if (ci == null) {
            return false;
        }
        String v = ci.trim().toLowerCase(Locale.ROOT);
        return !v.isEmpty() && !v.equals("false") && !v.equals("0");
    }

    /** Fails (CI) or skips the test with the reason, recorded where {@code ./run-tests} will show it. */
    public static void skipOrFail(String why) {
        if (inCi()) {
            Assertions.fail(why + " (CI is set: a missing environment is a failure)");
        }
        System.err.println("\n*** SKIPPED: " + why + " ***\n");
        String report = System.getProperty("cspguard.skipReport");
        if (report != null && !report.isBlank()) {
            try {
                Path file = Path.of(report);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, why + System.lineSeparator(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                System.err.println("(could not record the skip in " + report + ": " + e.getMessage() + ")");
            }
        }
        Assumptions.abort(why);
    }
}
