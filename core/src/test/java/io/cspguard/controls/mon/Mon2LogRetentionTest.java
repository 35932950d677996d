package io.cspguard.controls.mon;

import static io.cspguard.fixture.TenantFixture.CUSTOMER_ID;
import static io.cspguard.fixture.TenantFixture.PARTNER_ID;
import static io.cspguard.fixture.TenantFixture.sku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.cspguard.controls.Control;
import io.cspguard.config.Config;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.OwnRecords;
import io.cspguard.controls.TenantView;
import io.cspguard.fixture.Results;
import io.cspguard.fixture.TenantFixture;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Status;
import io.cspguard.snapshot.Licences;
import io.cspguard.snapshot.graph.SubscribedSku;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSP.MON.2 — sign-in and audit logs are kept at least 30 days (P1 or P2). */
class Mon2LogRetentionTest {
    private static final Control CONTROL = new Mon2LogRetention();

    private static ControlResult run(TenantFixture f) {
        return Results.run(CONTROL, f.build());
    }

    @Test
    void p2Passes() {
        assertThat(run(TenantFixture.partner()).status()).isEqualTo(Status.PASS);
        assertThat(run(TenantFixture.customer()).status()).isEqualTo(Status.PASS);
        assertThat(CONTROL.info().licence()).isEqualTo(LicenceRequirement.NONE);
    }

    @Test
    void p1Passes() {
        assertThat(run(TenantFixture.customer().licence(Licences.Tier.P1)).status()).isEqualTo(Status.PASS);
    }

    @Test
    void freeFails() {
        ControlResult r = run(TenantFixture.customer().licence(Licences.Tier.FREE));
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("tenant", CUSTOMER_ID, "seven-day-retention"));
        assertThat(r.summary()).contains("Entra keeps 7 days only");
    }

    @Test
    void freePartnerFails() {
        ControlResult r = run(TenantFixture.partner().licence(Licences.Tier.FREE));
        assertThat(Results.objectIds(r)).containsExactly(PARTNER_ID);
    }

    /** CSP Guard's own log archive (server mode) keeps the logs when Entra does not. */
    private static ControlResult runArchived(TenantFixture f) {
        OwnRecords archive = new OwnRecords() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public java.util.Optional<java.time.Instant> lastAccessReview(String tenantId, String relationshipId) {
                return java.util.Optional.empty();
            }

            @Override
            public boolean recoveryChangeReviewed(String tenantId, String auditId) {
                return false;
            }

            @Override
            public boolean logsArchived(String tenantId) {
                return true;
            }
        };
        Config config = Config.DEFAULTS;
        return Results.run(CONTROL, new TenantView(f.build(), null, config, archive), config);
    }

    @Test
    void freeWithCspGuardArchivePasses() {
        assertThat(runArchived(TenantFixture.customer().licence(Licences.Tier.FREE)).status()).isEqualTo(Status.PASS);
    }

    @Test
    void unknownLicencesWithCspGuardArchivePasses() {
        assertThat(runArchived(TenantFixture.customer().licence(Licences.Tier.UNKNOWN)).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void unknownLicencesAreNotAssessed() {
        ControlResult r = run(TenantFixture.customer().licence(Licences.Tier.UNKNOWN));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("subscribedSkus.json");
    }

    @Test
    void aP1SkuThatIsNotEnabledDoesNotCount() {
        SubscribedSku suspended = new SubscribedSku("sku-p1", "AAD_PREMIUM", "Suspended",
                new SubscribedSku.PrepaidUnits(10, 0, 0, 0),
                List.of(new SubscribedSku.ServicePlan("plan-p1", "AAD_PREMIUM", "Success")));
        assertThat(run(TenantFixture.customer().withSkus(suspended)).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void aP1SkuWithoutEnabledUnitsDoesNotCount() {
        SubscribedSku noUnits = new SubscribedSku("sku-p1", "AAD_PREMIUM", "Enabled",
                new SubscribedSku.PrepaidUnits(0, 0, 0, 0),
                List.of(new SubscribedSku.ServicePlan("plan-p1", "AAD_PREMIUM", "Success")));
        assertThat(run(TenantFixture.customer().withSkus(noUnits)).status()).isEqualTo(Status.FAIL);
    }

    @Test
    void p1ServicePlanInsideAnotherSkuCounts() {
        assertThat(run(TenantFixture.customer().withSkus(sku("SPE_E3", "EXCHANGE_S_ENTERPRISE", "AAD_PREMIUM")))
                .status()).isEqualTo(Status.PASS);
    }
}
