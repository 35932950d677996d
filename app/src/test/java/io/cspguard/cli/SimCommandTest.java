package io.cspguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cspguard sim}: its files, and that what it writes is what assess reads. */
class SimCommandTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
    }

    @Test
    void generateOnlyWritesTheWorldItsGroundTruthAndConfiguration() throws Exception {
        Path data = tmp.resolve("sim");
        assertThat(Main.run("sim", "--seed", "3", "--customers", "2", "--data", data.toString(), "--generate-only"))
                .isZero();
        assertThat(data.resolve("world").resolve("collection.json")).exists();
        assertThat(data.resolve("planted.json")).exists();
        assertThat(data.resolve("cspguard.yaml")).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("app.pem"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");

        Path report = tmp.resolve("report.json");
        int status = Main.run("assess", "--input", data.resolve("world").toString(), "--config",
                data.resolve("cspguard.yaml").toString(), "--output", report.toString());
        assertThat(status).as("planted violations make assess fail").isEqualTo(1);
        assertThat(report).isNotEmptyFile();
    }

    /** The hostile world's payloads reach the reports, and are inert there: escaped in HTML, quoted in CSV. */
    @Test
    void hostileWorldStringsAreInertInTheReports() throws Exception {
        Path data = tmp.resolve("hostile");
        assertThat(Main.run("sim", "--seed", "24", "--customers", "8", "--faults", "hostile", "--data",
                data.toString(), "--generate-only")).isZero();
        Path out = tmp.resolve("reports");
        Main.run("assess", "--input", data.resolve("world").toString(), "--config", data.resolve("cspguard.yaml")
                .toString(), "--format", "html,csv,md", "--output", out.toString(), "--fail-on", "never");
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(html).doesNotContain("<img").doesNotContain("<script").doesNotContainIgnoringCase("onerror=alert(1)>");
        for (String line : Files.readAllLines(out.resolve("report.csv"))) {
            for (String cell : line.split(",")) {
                String c = cell.startsWith("\"") ? cell.substring(1) : cell;
                assertThat(c).as(line).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("@");
            }
        }
        assertThat(Files.readString(out.resolve("report.md"))).doesNotContain("<img").doesNotContain("<script");
    }

    @Test
    void unknownFaultScenarioIsAUsageError() {
        assertThat(Main.run("sim", "--faults", "chaotic", "--generate-only", "--data", tmp.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--faults must be none, flaky, hostile or broken");
    }
}
