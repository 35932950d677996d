package io.cspguard.audit;

import io.cspguard.testing.MutableClock;
import io.cspguard.store.Database;
import io.cspguard.store.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exports in both formats from both databases, checked by {@link AuditFileVerifier}: an intact export verifies (with
 * hostile values in every field), and each kind of tampering with the file is found at its line.
 */
class AuditExportTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:30:00Z"));

    static Stream<Arguments> formatsAndDatabases() {
        List<Arguments> all = new ArrayList<>();
        for (TestDatabases.Kind kind : TestDatabases.Kind.values()) {
            for (ExportFormat format : ExportFormat.values()) {
                all.add(Arguments.of(kind, format));
            }
        }
        return all.stream();
    }

    /** Six entries with hostile values everywhere, exported; returns the file's lines. */
    private List<String> export(AuditTrail trail, ExportFormat format, Path file) throws IOException {
        for (int i = 0; i < 6; i++) {
            trail.record(new AuditEvent(i == 2 ? "alice" : HostileStrings.pick(i), HostileStrings.pick(i + 1),
                    HostileStrings.pick(i + 2), i % 2 == 0 ? "finding.viewed" : "signin.failure",
                    HostileStrings.pick(i + 3), i % 2 == 0 ? "success" : "failure", HostileStrings.pick(i + 4)));
            clock.advance(Duration.ofMillis(1500));
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            assertThat(trail.export(format, out)).isEqualTo(6);
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private VerifyReport verifyLines(List<String> lines, String name) throws IOException {
        Path tampered = dir.resolve(name);
        Files.write(tampered, lines, StandardCharsets.UTF_8);
        return AuditFileVerifier.verify(tampered);
    }

    @ParameterizedTest
    @MethodSource("formatsAndDatabases")
    void anIntactExportVerifiesAndEveryTamperingIsFound(TestDatabases.Kind kind, ExportFormat format) throws IOException {
        try (Database db = TestDatabases.open(kind, dir)) {
            Path file = dir.resolve("audit." + format.id());
            List<String> lines = export(new AuditTrail(db, clock), format, file);
            assertThat(lines).hasSize(7); // six entries and the checkpoint: no hostile value broke a line

            VerifyReport intact = AuditFileVerifier.verify(file);
            assertThat(intact.problems()).isEmpty();
            assertThat(intact).extracting(VerifyReport::entries, VerifyReport::firstSeq, VerifyReport::lastSeq)
                    .containsExactly(6L, 1L, 6L);
            assertThat(intact.head().seq()).isEqualTo(6);

            List<String> edited = new ArrayList<>(lines);
            edited.set(2, edited.get(2).replace("alice", "mallory"));
            assertThat(edited.get(2)).contains("mallory");
            assertThat(verifyLines(edited, "edited").problems())
                    .containsExactly(verifyLines(edited, "edited").problems().get(0))
                    .first().asString().startsWith("line 3: seq 3: hash mismatch: the entry was edited");

            List<String> deleted = new ArrayList<>(lines);
            deleted.remove(3);
            assertThat(verifyLines(deleted, "deleted").problems())
                    .containsExactly("line 4: seq 5: entries seq 4 are missing before it (deleted)");

            List<String> swapped = new ArrayList<>(lines);
            Collections.swap(swapped, 1, 2);
            assertThat(verifyLines(swapped, "swapped").problems()).containsExactly(
                    "line 2: seq 3: entries seq 2 are missing before it (deleted)",
                    "line 3: seq 2: out of order: it comes after seq 3 (entries were reordered or duplicated)");

            List<String> withoutCheckpoint = lines.subList(0, 6);
            assertThat(verifyLines(withoutCheckpoint, "cut").problems())
                    .containsExactly("the file has no checkpoint line at its end: it was cut short");

            List<String> cutMidLine = new ArrayList<>(lines.subList(0, 5));
            cutMidLine.set(4, cutMidLine.get(4).substring(0, cutMidLine.get(4).length() / 2));
            assertThat(verifyLines(cutMidLine, "cut-mid-line").problems())
                    .anyMatch(p -> p.startsWith("line 5: cannot be read"))
                    .contains("the file has no checkpoint line at its end: it was cut short");

            List<String> cutBeforeCheckpoint = new ArrayList<>(lines.subList(0, 4));
            cutBeforeCheckpoint.add(lines.get(6));
            assertThat(verifyLines(cutBeforeCheckpoint, "cut-tail").problems()).singleElement().asString()
                    .startsWith("truncated: the head checkpoint says seq 6");

            List<String> firstDeleted = new ArrayList<>(lines.subList(1, 7));
            assertThat(verifyLines(firstDeleted, "start-cut").problems()).singleElement().asString()
                    .isEqualTo("line 1: seq 2: the chain starts here but nothing anchors a pruning before it: entries "
                            + "seq 1 were removed (truncated at the start)");

            List<String> appended = new ArrayList<>(lines);
            appended.add(lines.get(5));
            assertThat(verifyLines(appended, "appended").problems())
                    .containsExactly("line 8: comes after the checkpoint line: it was added after the export");
        }
    }

    @ParameterizedTest
    @MethodSource("formatsAndDatabases")
    void aPrunedExportStartsWithItsAnchor(TestDatabases.Kind kind, ExportFormat format) throws IOException {
        try (Database db = TestDatabases.open(kind, dir)) {
            AuditTrail trail = new AuditTrail(db, clock);
            trail.record(AuditEvent.success("alice", null, null, "signin.success", null));
            trail.record(AuditEvent.success("alice", null, "t1", "tenant.viewed", "t1"));
            clock.advance(Duration.ofDays(366));
            trail.record(AuditEvent.success("bob", null, null, "signin.success", null));
            trail.prune(AuditTrail.DEFAULT_RETENTION, "admin");

            Path file = dir.resolve("pruned." + format.id());
            try (OutputStream out = Files.newOutputStream(file)) {
                assertThat(trail.export(format, out)).isEqualTo(2);
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            assertThat(lines).hasSize(4);
            VerifyReport report = AuditFileVerifier.verify(file);
            assertThat(report.problems()).isEmpty();
            assertThat(report.anchor().lastSeq()).isEqualTo(2);
            assertThat(report.summary()).contains("entries up to seq 2 (2 older than").contains("by admin");

            List<String> anchorRemoved = new ArrayList<>(lines.subList(1, 4));
            assertThat(verifyLines(anchorRemoved, "no-anchor").problems()).singleElement().asString()
                    .contains("truncated at the start");

            List<String> anchorMoved = new ArrayList<>(lines);
            Collections.swap(anchorMoved, 0, 1);
            assertThat(verifyLines(anchorMoved, "anchor-moved").problems())
                    .contains("line 2: an anchor must be the first line (lines were reordered)");
        }
    }

    @ParameterizedTest
    @MethodSource("formatsAndDatabases")
    void anEmptyTrailExportsItsCheckpoint(TestDatabases.Kind kind, ExportFormat format) throws IOException {
        try (Database db = TestDatabases.open(kind, dir)) {
            Path file = dir.resolve("empty." + format.id());
            try (OutputStream out = Files.newOutputStream(file)) {
                assertThat(new AuditTrail(db, clock).export(format, out)).isZero();
            }
            VerifyReport report = AuditFileVerifier.verify(file);
            assertThat(report.intact()).isTrue();
            assertThat(report.entries()).isZero();
        }
    }

    @org.junit.jupiter.api.Test
    void aFileThatIsNotAnExportIsNotIntact() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        assertThat(AuditFileVerifier.verify(empty).problems()).containsExactly("the file is empty: no entries and no checkpoint");
        Path other = Files.writeString(dir.resolve("other.txt"), "hello\n");
        assertThat(AuditFileVerifier.verify(other).problems())
                .containsExactly("line 1: neither a JSON Lines nor an RFC 5424 audit export");
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'{', (byte) 0xe9, '}', '\n'});
        assertThat(AuditFileVerifier.verify(latin1).problems()).singleElement().asString().contains("not UTF-8");
    }
}
