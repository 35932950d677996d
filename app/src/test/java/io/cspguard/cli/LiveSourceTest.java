package io.cspguard.cli;

import io.cspguard.graph.collect.CollectionResult;
import io.cspguard.graph.collect.MissingRead;
import io.cspguard.graph.collect.TenantOutcome;
import io.cspguard.graph.http.HttpStats;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A run is split over the customers discovery named only when discovery read everything that names them. */
class LiveSourceTest {
    private static CollectionResult partnerOnly(TenantOutcome.Status status, List<MissingRead> missing) {
        TenantOutcome partner = new TenantOutcome("p", "Partner", "partner", status, missing, List.of(), null, 20);
        return new CollectionResult("p", Instant.parse("2026-11-26T10:00:00Z"), Path.of("x"), List.of(partner),
                List.of("c1", "c2"), new HttpStats(0, 0, 0, 0, 0, 0, 0), Duration.ZERO);
    }

    private static MissingRead missing(String file) {
        return new MissingRead(file, 503, "ServiceUnavailable", "try later", false);
    }

    @Test
    void aCompletePartnerCollectionNamesTheCustomers() {
        assertThat(LiveSource.discoveryComplete(partnerOnly(TenantOutcome.Status.COMPLETE, List.of()))).isTrue();
    }

    @Test
    void anUnrelatedMissingReadDoesNotMatter() {
        assertThat(LiveSource.discoveryComplete(partnerOnly(TenantOutcome.Status.PARTIAL,
                List.of(missing("signIns.json"))))).isTrue();
    }

    @Test
    void aMissingGdapReadMakesTheListUntrustworthy() {
        assertThat(LiveSource.discoveryComplete(partnerOnly(TenantOutcome.Status.PARTIAL,
                List.of(missing("delegatedAdminRelationships.json"))))).isFalse();
    }

    @Test
    void aMissingPartnerCenterReadMakesTheListUntrustworthy() {
        assertThat(LiveSource.discoveryComplete(partnerOnly(TenantOutcome.Status.PARTIAL,
                List.of(missing("partnerCenter/customers.json"))))).isFalse();
    }

    @Test
    void aFailedPartnerNamesNobody() {
        assertThat(LiveSource.discoveryComplete(partnerOnly(TenantOutcome.Status.FAILED, List.of()))).isFalse();
    }
}
