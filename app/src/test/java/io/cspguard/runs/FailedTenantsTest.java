package io.cspguard.runs;

import io.cspguard.controls.ControlRegistry;
import io.cspguard.result.Assessment;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Status;
import io.cspguard.result.TenantResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FailedTenantsTest {
    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path dir;

    private static TenantResult tenant(String id, String role) {
        return new TenantResult(id, id, role, "Entra ID P2", AT, List.of(), List.of());
    }

    private static Assessment assessment(TenantResult... tenants) {
        return new Assessment(1, AT, "partner-id", "CSP Guard", "test", "/x", "ab", 3, "cd", List.of(tenants));
    }

    @Test
    void aCustomerThatCouldNotBeCollectedStandsAsNotAssessedWithTheReason() throws IOException {
        Files.writeString(dir.resolve("collection.json"), "{\"partnerTenantId\":\"partner-id\",\"collectedAt\":"
                + "\"2026-11-26T10:00:00Z\",\"failedTenants\":{\"c-2\":\"AADSTS50020: no GDAP relationship\"}}");
        Assessment a = FailedTenants.addCollectionFailures(
                assessment(tenant("partner-id", "partner"), tenant("c-3", "customer")), dir);

        assertThat(a.tenants()).extracting(TenantResult::tenantId).containsExactly("partner-id", "c-2", "c-3");
        TenantResult failed = a.tenants().get(1);
        assertThat(failed.role()).isEqualTo("customer");
        assertThat(failed.problems()).containsExactly("the tenant could not be collected: AADSTS50020: no GDAP relationship");
        assertThat(failed.results()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
            assertThat(r.reason()).contains("AADSTS50020");
            assertThat(r.findings()).isEmpty();
        });
        assertThat(failed.results()).extracting(ControlResult::controlId)
                .isSubsetOf(ControlRegistry.ids()).doesNotHaveDuplicates();
    }

    @Test
    void aSnapshotWithoutFailuresIsUnchanged() throws IOException {
        Files.writeString(dir.resolve("collection.json"), "{\"partnerTenantId\":\"partner-id\"}");
        Assessment a = assessment(tenant("partner-id", "partner"));
        assertThat(FailedTenants.addCollectionFailures(a, dir)).isSameAs(a);
    }

    @Test
    void aPlannedCustomerMissingFromEveryShardIsAddedOnceWhateverItsCase() {
        Assessment merged = assessment(tenant("partner-id", "partner"), tenant("C-1", "customer"));
        Assessment a = FailedTenants.addMissing(merged, List.of("c-1", "c-9"));
        assertThat(a.tenants()).extracting(TenantResult::tenantId).containsExactly("partner-id", "C-1", "c-9");
        assertThat(a.tenants().get(2).problems()).containsExactly(
                "the tenant was planned for this run but is in no shard's result");
    }
}
