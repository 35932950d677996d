package io.cspguard.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AuditHashTest {
    private static final Instant AT = Instant.parse("2025-03-01T09:30:00.123Z");

    @Test
    void matchesTheEncodingDocumentedForSiems() {
        // Computed independently with the Python snippet of docs/audit.md.
        assertThat(AuditHash.compute(1, AT, "alice", "192.0.2.7", "contoso-tenant", "signin.success", null, "success",
                "Grüße \"x\" ]\n", AuditHash.GENESIS))
                .isEqualTo("469d94e81675035c26a5ebf51d83c7b601d05be5003e5ace78a50f1b85d8df13");
    }

    @Test
    void aValueCannotBorrowFromItsNeighbour() {
        String a = AuditHash.compute(1, AT, "ab", "c", null, "x.y", null, "success", null, AuditHash.GENESIS);
        String b = AuditHash.compute(1, AT, "a", "bc", null, "x.y", null, "success", null, AuditHash.GENESIS);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void noneAndEmptyDiffer() {
        String none = AuditHash.compute(1, AT, "a", null, null, "x.y", null, "success", null, AuditHash.GENESIS);
        String empty = AuditHash.compute(1, AT, "a", "", null, "x.y", null, "success", null, AuditHash.GENESIS);
        assertThat(none).isNotEqualTo(empty);
    }

    @Test
    void coversSeqTimeAndPreviousHash() {
        String base = AuditHash.compute(1, AT, "a", null, null, "x.y", null, "success", null, AuditHash.GENESIS);
        assertThat(AuditHash.compute(2, AT, "a", null, null, "x.y", null, "success", null, AuditHash.GENESIS))
                .isNotEqualTo(base);
        assertThat(AuditHash.compute(1, AT.plusMillis(1), "a", null, null, "x.y", null, "success", null,
                AuditHash.GENESIS)).isNotEqualTo(base);
        assertThat(AuditHash.compute(1, AT, "a", null, null, "x.y", null, "success", null, "1".repeat(64)))
                .isNotEqualTo(base);
    }

    @Test
    void timeIsAlwaysWrittenWithThreeFractionDigits() {
        assertThat(AuditTime.format(Instant.parse("2025-03-01T09:30:00Z"))).isEqualTo("2025-03-01T09:30:00.000Z");
        assertThat(AuditTime.format(AuditTime.truncate(Instant.parse("2025-03-01T09:30:00.123456789Z"))))
                .isEqualTo("2025-03-01T09:30:00.123Z");
    }
}
