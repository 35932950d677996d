package io.cspguard.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cspguard.config.ConfigLoader;
import io.cspguard.eval.Assessor;
import io.cspguard.report.ReportFormat;
import io.cspguard.report.ReportWriters;
import io.cspguard.result.Assessment;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Level;
import io.cspguard.result.Status;
import io.cspguard.result.TenantResult;
import io.cspguard.snapshot.SnapshotInput;
import io.cspguard.web.pages.StoreFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Reading a stored assessment back is the exact inverse of core's JSON writer. */
public class StoredAssessmentTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    static Assessment example;

    @BeforeAll
    static void assess() throws Exception {
        example = exampleAssessment();
    }

    /** The bundled example's assessment (examples/contoso-partner with examples/cspguard.yaml). */
    public static Assessment exampleAssessment() throws Exception {
        return new Assessor(ConfigLoader.load(EXAMPLES.resolve("cspguard.yaml")))
                .assess(SnapshotInput.open(EXAMPLES.resolve("contoso-partner")), Set.of(), "test");
    }

    public static byte[] json(Assessment a) {
        return write(a, ReportFormat.JSON);
    }

    public static byte[] write(Assessment a, ReportFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ReportWriters.forFormat(format).write(a, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    void writeReadWriteGivesTheSameBytesForTheBundledExample() {
        byte[] first = json(example);
        Assessment back = StoredAssessment.read(StoreFixture.gzip(first));
        assertThat(new String(json(back), StandardCharsets.UTF_8)).isEqualTo(new String(first, StandardCharsets.UTF_8));
        // The example has accepted and expired exceptions, notes and every status: the round trip covers them.
        assertThat(back.tenants()).hasSameSizeAs(example.tenants());
        assertThat(back.tenants().stream().flatMap(t -> t.results().stream()).flatMap(r -> r.findings().stream())
                .anyMatch(f -> f.accepted() && f.exception() != null)).isTrue();
        assertThat(back.tenants().stream().flatMap(t -> t.results().stream()).flatMap(r -> r.findings().stream())
                .anyMatch(f -> f.expiredException() != null)).isTrue();
        for (ReportFormat f : ReportFormat.values()) {
            assertThat(write(back, f)).as(f.name()).isEqualTo(write(example, f));
        }
    }

    @Test
    void nullsAndEmptyListsSurviveTheRoundTrip() {
        Finding finding = new Finding("id1", "user", null, null, "r", null, false, null, null);
        ControlResult result = new ControlResult("CSP.MFA.1", null, Level.SHALL, Status.NOT_ASSESSED, null, "why",
                List.of(finding), 0, List.of());
        TenantResult tenant = new TenantResult("t1", "T <1>", "customer", "unknown", null, List.of(result), List.of("p"));
        Assessment a = new Assessment(1, Instant.parse("2026-05-01T00:00:00Z"), "t1", "cspguard", "1.0", "in", "abc", 3,
                "cfg", List.of(tenant));
        byte[] first = json(a);
        assertThat(json(StoredAssessment.read(StoreFixture.gzip(first)))).isEqualTo(first);
    }

    @Test
    void aBlobThatIsNotGzipIsRefusedClearly() {
        assertThatThrownBy(() -> StoredAssessment.read("{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("not gzip-compressed JSON");
    }

    @Test
    void aMissingFieldIsNamed() {
        String withoutTool = new String(json(example), StandardCharsets.UTF_8).replace("\"tool\"", "\"toolx\"");
        assertThatThrownBy(() -> StoredAssessment.read(StoreFixture.gzip(withoutTool.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'tool'");
        assertThatThrownBy(() -> StoredAssessment.read(StoreFixture.gzip("[1]".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON object");
    }
}
