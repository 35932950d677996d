package io.cspguard.web.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cspguard.store.Database;
import io.cspguard.store.TestDatabases;
import io.cspguard.testing.MemoryAudit;
import io.cspguard.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SettingsStoreTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void defaultsThenValidatedChangesEachAudited(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            MemoryAudit audit = new MemoryAudit();
            SettingsStore s = new SettingsStore(db, audit, new MutableClock(Instant.parse("2025-01-01T00:00:00Z")));
            assertThat(s.retentionDays()).isEqualTo(365);
            assertThat(s.scheduleInterval()).isEqualTo(Duration.ofHours(24));
            assertThat(s.get(SettingsStore.RETENTION_DAYS)).isEmpty();

            s.set(SettingsStore.RETENTION_DAYS, " 90 ", "root", "10.0.0.1");
            s.set(SettingsStore.RETENTION_DAYS, "120", "root", "10.0.0.1");
            s.set(SettingsStore.SCHEDULE_INTERVAL, "P1D", "root", "10.0.0.1");
            assertThat(s.retentionDays()).isEqualTo(120);
            assertThat(s.get(SettingsStore.SCHEDULE_INTERVAL)).hasValue("PT24H");
            assertThat(audit.withAction("settings.changed")).extracting(e -> e.target() + ": " + e.detail())
                    .containsExactly("audit.retentionDays: default -> 90", "audit.retentionDays: 90 -> 120",
                            "schedule.interval: default -> PT24H");
            assertThat(audit.last("settings.changed").sourceIp()).isEqualTo("10.0.0.1");

            assertThatThrownBy(() -> s.set(SettingsStore.RETENTION_DAYS, "0", "root", null))
                    .hasMessageContaining("at least 90 days");
            assertThatThrownBy(() -> s.set(SettingsStore.RETENTION_DAYS, "1", "root", null))
                    .hasMessageContaining("at least 90 days, got 1").hasMessageContaining("outlast");
            assertThatThrownBy(() -> s.set(SettingsStore.RETENTION_DAYS, "89", "root", null))
                    .hasMessageContaining("at least 90 days");
            assertThatThrownBy(() -> s.set(SettingsStore.RETENTION_DAYS, "36501", "root", null))
                    .hasMessageContaining("at most 36500 days");
            assertThatThrownBy(() -> s.set(SettingsStore.RETENTION_DAYS, "ten", "root", null))
                    .hasMessageContaining("whole number");
            assertThatThrownBy(() -> s.set(SettingsStore.SCHEDULE_INTERVAL, "PT59M", "root", null))
                    .hasMessageContaining("at least PT1H");
            assertThatThrownBy(() -> s.set(SettingsStore.SCHEDULE_INTERVAL, "daily", "root", null))
                    .hasMessageContaining("ISO-8601");
            assertThatThrownBy(() -> s.set("theme", "dark", "root", null)).hasMessageContaining("unknown setting");
            assertThat(audit.withAction("settings.changed")).hasSize(3);
            assertThat(s.retentionDays()).isEqualTo(120);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aChangeWhoseAuditEntryCannotBeWrittenIsNotSaved(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            MemoryAudit audit = new MemoryAudit();
            SettingsStore s = new SettingsStore(db, audit, new MutableClock(Instant.parse("2025-01-01T00:00:00Z")));
            audit.failing = true;
            assertThatThrownBy(() -> s.set(SettingsStore.RETENTION_DAYS, "400", "root", null))
                    .hasMessageContaining("audit trail cannot be written");
            assertThat(s.get(SettingsStore.RETENTION_DAYS)).isEmpty();
            audit.failing = false;
            s.set(SettingsStore.RETENTION_DAYS, "400", "root", null);
            s.set(SettingsStore.RETENTION_DAYS, "500", "root", null);
            audit.failing = true;
            assertThatThrownBy(() -> s.set(SettingsStore.RETENTION_DAYS, "600", "root", null))
                    .hasMessageContaining("audit trail cannot be written");
            assertThat(s.retentionDays()).as("an update, too").isEqualTo(500);
        }
    }
}
