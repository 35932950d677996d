package io.cspguard.audit;

import io.cspguard.testing.MutableClock;
import io.cspguard.store.Database;
import io.cspguard.store.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stored chain: a compliant trail, then one kind of tampering per test, on H2 and PostgreSQL. */
class AuditTrailTest {
    private static final Instant START = Instant.parse("2025-03-01T09:30:00.123456789Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(START);

    private static AuditEvent event(int i) {
        return new AuditEvent("user" + i, "192.0.2." + i, "tenant-" + i, "tenant.viewed", "tenant-" + i, "success",
                "view " + i);
    }

    private AuditTrail trailWith(Database db, int entries) {
        AuditTrail trail = new AuditTrail(db, clock);
        for (int i = 1; i <= entries; i++) {
            trail.record(event(i));
            clock.advance(Duration.ofSeconds(1));
        }
        return trail;
    }

    private static void sql(Database db, String statement) {
        db.jdbi().useHandle(h -> h.execute(statement));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void anIntactChainVerifies(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            AuditTrail trail = trailWith(db, 5);
            VerifyReport report = trail.verify();
            assertThat(report.problems()).isEmpty();
            assertThat(report.intact()).isTrue();
            assertThat(report).extracting(VerifyReport::entries, VerifyReport::firstSeq, VerifyReport::lastSeq)
                    .containsExactly(5L, 1L, 5L);
            assertThat(report.head().seq()).isEqualTo(5);
            assertThat(report.summary()).startsWith("audit trail intact: 5 entries (seq 1..5)");
            List<AuditEntry> entries = trail.recent(AuditQuery.latest(10));
            AuditEntry first = entries.get(4);
            assertThat(first.seq()).isEqualTo(1);
            assertThat(first.prevHash()).isEqualTo(AuditHash.GENESIS);
            assertThat(first.at()).isEqualTo(Instant.parse("2025-03-01T09:30:00.123Z"));
            assertThat(entries.get(3).prevHash()).isEqualTo(first.hash());
            assertThat(report.head().hash()).isEqualTo(entries.get(0).hash());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void anEmptyTrailVerifies(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            VerifyReport report = new AuditTrail(db, clock).verify();
            assertThat(report.intact()).isTrue();
            assertThat(report.entries()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void anEditedFieldIsDetectedAtItsSeq(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            AuditTrail trail = trailWith(db, 10);
            List<String> edits = List.of("actor = 'mallory'", "source_ip = '198.51.100.1'", "tenant_id = 'other'",
                    "action = 'tenant.hidden'", "target = NULL", "result = 'failure'", "detail = 'nothing to see'",
                    "at = at + INTERVAL '1' SECOND");
            for (int i = 0; i < edits.size(); i++) {
                sql(db, "UPDATE audit_log SET " + edits.get(i) + " WHERE seq = " + (i + 2));
            }
            VerifyReport report = trail.verify();
            assertThat(report.intact()).isFalse();
            assertThat(report.problems()).hasSize(edits.size());
            for (int i = 0; i < edits.size(); i++) {
                assertThat(report.problems().get(i)).startsWith("seq " + (i + 2) + ": hash mismatch: the entry was edited");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aDeletedEntryIsDetected(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            AuditTrail trail = trailWith(db, 5);
            sql(db, "DELETE FROM audit_log WHERE seq = 3");
            assertThat(trail.verify().problems()).containsExactly("seq 4: entries seq 3 are missing before it (deleted)");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void reorderedEntriesAreDetected(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            AuditTrail trail = trailWith(db, 5);
            sql(db, "UPDATE audit_log SET seq = -2 WHERE seq = 2");
            sql(db, "UPDATE audit_log SET seq = 2 WHERE seq = 3");
            sql(db, "UPDATE audit_log SET seq = 3 WHERE seq = -2");
            VerifyReport report = trail.verify();
            assertThat(report.intact()).isFalse();
            assertThat(report.problems()).anyMatch(p -> p.startsWith("seq 2: prev_hash does not match the hash of seq 1"))
                    .anyMatch(p -> p.startsWith("seq 2: hash mismatch"))
                    .anyMatch(p -> p.startsWith("seq 3: prev_hash does not match the hash of seq 2"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aCutTailIsDetectedThroughTheHead(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            AuditTrail trail = trailWith(db, 5);
            sql(db, "DELETE FROM audit_log WHERE seq >= 4");
            assertThat(trail.verify().problems()).singleElement().asString()
                    .startsWith("truncated: the head checkpoint says seq 5 (hash ")
                    .endsWith("but the last entry is seq 3: entries seq 4..5 were cut off");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aDeletedHeadIsDetectedAndStopsRecording(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            AuditTrail trail = trailWith(db, 3);
            sql(db, "DELETE FROM audit_head");
            assertThat(trail.verify().problems()).singleElement().asString().contains("head checkpoint is missing");
            assertThatThrownBy(() -> trail.record(event(4))).isInstanceOf(AuditException.class)
                    .hasMessageContaining("head checkpoint is missing");
            assertThat(trail.verify().entries()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void anEntryWrittenAroundTheTrailIsDetected(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            AuditTrail trail = trailWith(db, 3);
            AuditEntry last = trail.recent(AuditQuery.latest(1)).get(0);
            Instant at = last.at().plusSeconds(1);
            String hash = AuditHash.compute(4, at, "mallory", null, null, "settings.changed", null, "success", null,
                    last.hash());
            db.jdbi().useHandle(h -> AuditTables.insertEntryOnly(h, new AuditEntry(4, at, "mallory", null, null,
                    "settings.changed", null, "success", null, last.hash(), hash)));
            assertThat(trail.verify().problems()).singleElement().asString()
                    .startsWith("the last entry is seq 4 but the head checkpoint says seq 3");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void pruningLeavesAnAnchorThatVerifyAccepts(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            AuditTrail trail = trailWith(db, 3);
            clock.advance(Duration.ofDays(400));
            trail.record(event(4));
            trail.record(event(5));
            PruneResult result = trail.prune(AuditTrail.DEFAULT_RETENTION, "admin");
            assertThat(result.pruned()).isTrue();
            assertThat(result.count()).isEqualTo(3);
            assertThat(result.anchor().lastSeq()).isEqualTo(3);
            assertThat(result.prunedEntrySeq()).isEqualTo(6);

            VerifyReport report = trail.verify();
            assertThat(report.problems()).isEmpty();
            assertThat(report).extracting(VerifyReport::entries, VerifyReport::firstSeq, VerifyReport::lastSeq)
                    .containsExactly(3L, 4L, 6L);
            assertThat(report.anchor().prunedBy()).isEqualTo("admin");
            assertThat(report.summary()).contains("entries up to seq 3 (3 older than 2025-04-05T09:30:03.123Z) were "
                    + "pruned on 2026-04-05T09:30:03.123Z by admin");
            AuditEntry pruned = trail.recent(AuditQuery.latest(1)).get(0);
            assertThat(pruned.action()).isEqualTo("audit.pruned");
            assertThat(pruned.actor()).isEqualTo("admin");
            assertThat(pruned.detail()).startsWith("pruned 3 entries older than").contains("retention 365 days");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void pruningTwiceKeepsTheChainVerifiable(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            AuditTrail trail = trailWith(db, 2);
            clock.advance(Duration.ofDays(400));
            trail.prune(AuditTrail.DEFAULT_RETENTION, "admin");
            trail.record(event(9));
            clock.advance(Duration.ofDays(400));
            trail.record(event(10));
            PruneResult second = trail.prune(AuditTrail.DEFAULT_RETENTION, "system");
            assertThat(second.anchor().lastSeq()).isEqualTo(4);
            VerifyReport report = trail.verify();
            assertThat(report.problems()).isEmpty();
            assertThat(report.anchor().prunedBy()).isEqualTo("system");
            assertThat(report.firstSeq()).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void nothingOlderThanTheRetentionIsNotAPruning(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            AuditTrail trail = trailWith(db, 3);
            PruneResult result = trail.prune(AuditTrail.DEFAULT_RETENTION, "admin");
            assertThat(result.pruned()).isFalse();
            assertThat(trail.verify().entries()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void entriesDeletedAtTheStartWithoutAnAnchorAreTruncation(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            AuditTrail trail = trailWith(db, 5);
            sql(db, "DELETE FROM audit_log WHERE seq <= 2");
            assertThat(trail.verify().problems()).containsExactly("seq 3: the chain starts here but nothing anchors a "
                    + "pruning before it: entries seq 1..2 were removed (truncated at the start)");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aForgedAnchorIsDetected(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            AuditTrail trail = trailWith(db, 5);
            String hash2 = trail.recent(AuditQuery.latest(10).before(3)).get(0).hash();
            sql(db, "DELETE FROM audit_log WHERE seq <= 2");
            db.jdbi().useHandle(h -> AuditTables.insertAnchor(h,
                    new AuditAnchor(2, hash2, 2, START, START.plusSeconds(60), "mallory")));
            assertThat(trail.verify().problems()).singleElement().asString()
                    .startsWith("no audit.pruned entry records the anchor").contains("by mallory");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void pruningRefusesATamperedTrail(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            AuditTrail trail = trailWith(db, 3);
            sql(db, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 1");
            clock.advance(Duration.ofDays(400));
            assertThatThrownBy(() -> trail.prune(AuditTrail.DEFAULT_RETENTION, "admin"))
                    .isInstanceOf(AuditTamperedException.class).hasMessageContaining("seq 1: hash mismatch");
            assertThat(trail.verify().entries()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void recentFiltersNewestFirst(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            AuditTrail trail = new AuditTrail(db, clock);
            trail.record(AuditEvent.success("alice", "192.0.2.1", null, "signin.success", null));
            trail.record(AuditEvent.success("alice", "192.0.2.1", "t1", "tenant.viewed", "t1"));
            trail.record(new AuditEvent("anonymous", "192.0.2.9", null, "signin.failure", "bob", "failure", null));
            trail.record(AuditEvent.success("carol", null, null, "user.role_changed", "bob"));
            trail.record(AuditEvent.success("carol", null, null, "user.rolexchanged", "bob"));
            trail.record(AuditEvent.success("bob", null, "t1", "finding.viewed", "f-1"));

            assertThat(trail.recent(AuditQuery.latest(3))).extracting(AuditEntry::seq).containsExactly(6L, 5L, 4L);
            assertThat(trail.recent(AuditQuery.latest(3).before(4))).extracting(AuditEntry::seq)
                    .containsExactly(3L, 2L, 1L);
            assertThat(trail.recent(AuditQuery.latest(10).byActor("alice"))).extracting(AuditEntry::seq)
                    .containsExactly(2L, 1L);
            assertThat(trail.recent(AuditQuery.latest(10).byTenant("t1"))).extracting(AuditEntry::seq)
                    .containsExactly(6L, 2L);
            assertThat(trail.recent(AuditQuery.latest(10).byActionPrefix("signin."))).extracting(AuditEntry::seq)
                    .containsExactly(3L, 1L);
            assertThat(trail.recent(AuditQuery.latest(10).byActionPrefix("user.role_"))).extracting(AuditEntry::seq)
                    .containsExactly(4L);
            assertThat(trail.recent(AuditQuery.latest(10).byActor("alice").byTenant("t1").byActionPrefix("tenant.")))
                    .extracting(AuditEntry::seq).containsExactly(2L);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void hostileStringsAreStoredExactlyAndVerify(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            AuditTrail trail = new AuditTrail(db, clock);
            for (int i = 0; i < HostileStrings.ALL.size(); i++) {
                // Raw, NULs included: the trail stores NUL as U+2400 (PostgreSQL text cannot hold it).
                trail.record(new AuditEvent(HostileStrings.pick(i), HostileStrings.pick(i + 1),
                        HostileStrings.pick(i + 2), "tenant.viewed", HostileStrings.pick(i + 3), "success",
                        HostileStrings.pick(i + 4)));
            }
            List<AuditEntry> stored = trail.recent(AuditQuery.latest(100));
            for (AuditEntry e : stored) {
                int i = (int) e.seq() - 1;
                assertThat(e.actor()).isEqualTo(HostileStrings.pick(i).replace("\u0000", "\u2400"));
                assertThat(e.tenantId()).isEqualTo(HostileStrings.pick(i + 2).replace("\u0000", "\u2400"));
                assertThat(e.target()).isEqualTo(HostileStrings.pick(i + 3).replace("\u0000", "\u2400"));
                assertThat(e.detail()).isEqualTo(HostileStrings.pick(i + 4).replace("\u0000", "\u2400"));
            }
            assertThat(trail.verify().problems()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void valuesAreNormalisedBeforeTheyAreHashed(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            AuditTrail trail = new AuditTrail(db, clock);
            AuditEntry e = trail.append(new AuditEvent("alice", "", null, "signout", "x".repeat(5000), "success",
                    "lone \uD800 surrogate"));
            assertThat(e.sourceIp()).isNull();
            assertThat(e.target()).hasSize(AuditValues.SHORT * 2).endsWith("…[truncated]");
            assertThat(e.detail()).isEqualTo("lone \uFFFD surrogate");
            assertThat(trail.recent(AuditQuery.latest(1))).containsExactly(e);
            assertThat(trail.verify().intact()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void anEventThatSaysNothingIsRefused(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            AuditTrail trail = new AuditTrail(db, clock);
            assertThatThrownBy(() -> trail.record(new AuditEvent("a", null, null, null, null, "success", null)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("action");
            assertThatThrownBy(() -> trail.record(new AuditEvent(" ", null, null, "signout", null, "success", null)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actor");
            assertThatThrownBy(() -> trail.record(new AuditEvent("a", null, null, "signout", null, "ok", null)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("success, failure or denied");
            assertThatThrownBy(() -> trail.record(new AuditEvent("a", null, null, "Sign In", null, "success", null)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lowercase");
            assertThat(trail.verify().entries()).isZero();
        }
    }
}
