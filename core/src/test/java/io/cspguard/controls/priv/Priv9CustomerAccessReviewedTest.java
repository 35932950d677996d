package io.cspguard.controls.priv;

import static io.cspguard.fixture.TenantFixture.COLLECTED_AT;
import static io.cspguard.fixture.TenantFixture.CUSTOMER_ID;
import static io.cspguard.fixture.TenantFixture.HELPDESK_ADMIN;
import static io.cspguard.fixture.TenantFixture.PARTNER_ID;
import static io.cspguard.fixture.TenantFixture.RELATIONSHIP;
import static io.cspguard.fixture.TenantFixture.relationship;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.cspguard.config.Config;
import io.cspguard.config.Thresholds;
import io.cspguard.controls.Control;
import io.cspguard.controls.OwnRecords;
import io.cspguard.controls.TenantView;
import io.cspguard.fixture.Results;
import io.cspguard.fixture.TenantFixture;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Level;
import io.cspguard.result.Status;
import io.cspguard.snapshot.graph.DelegatedAdminRelationship;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** CSP.PRIV.9 — access to customer environments is reviewed regularly (CSP Guard's own review records). */
class Priv9CustomerAccessReviewedTest {
    private static final Control CONTROL = new Priv9CustomerAccessReviewed();
    private static final Config CONFIG = TenantFixture.defaultConfig();

    /** CSP Guard's review records as the server's store would give them: last review per relationship. */
    private static final class Reviews implements OwnRecords {
        private final Map<String, Instant> last = new HashMap<>();

        Reviews reviewed(String relationshipId, Instant when) {
            last.put(relationshipId, when);
            return this;
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public Optional<Instant> lastAccessReview(String tenantId, String relationshipId) {
            return PARTNER_ID.equals(tenantId) ? Optional.ofNullable(last.get(relationshipId)) : Optional.empty();
        }

        @Override
        public boolean recoveryChangeReviewed(String tenantId, String auditId) {
            return false;
        }
    }

    private static ControlResult run(TenantFixture f, OwnRecords records, Config config) {
        return Results.run(CONTROL, new TenantView(f.build(), null, config, records), config);
    }

    private static ControlResult run(TenantFixture f, OwnRecords records) {
        return run(f, records, CONFIG);
    }

    private static Instant daysAgo(int days) {
        return COLLECTED_AT.minus(Duration.ofDays(days));
    }

    @Test
    void isAShouldControl() {
        assertThat(CONTROL.info().level()).isEqualTo(Level.SHOULD);
    }

    // ---- plain assess: no review records ---------------------------------------------------------------------

    @Test
    void plainAssessWithActiveRelationshipsIsNotAssessed() {
        ControlResult r = Results.run(CONTROL, TenantFixture.partner().build());
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("no access-review records");
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void noActiveRelationshipPasses() {
        // the base's terminated relationship only
        DelegatedAdminRelationship terminated = relationship(RELATIONSHIP, "Contoso helpdesk", "terminated",
                CUSTOMER_ID, "Contoso Customer", HELPDESK_ADMIN);
        ControlResult r = Results.run(CONTROL, TenantFixture.partner().withRelationships(terminated).build());
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    @Test
    void noRelationshipAtAllPasses() {
        assertThat(Results.run(CONTROL, TenantFixture.partner().withRelationships().build()).status())
                .isEqualTo(Status.PASS);
    }

    @Test
    void missingRelationshipsIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("delegatedAdminRelationships.json"),
                new Reviews().reviewed(RELATIONSHIP, daysAgo(1)));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("delegatedAdminRelationships.json");
    }

    // ---- with CSP Guard's records -----------------------------------------------------------------------------

    @Test
    void recentReviewPasses() {
        ControlResult r = run(TenantFixture.partner(), new Reviews().reviewed(RELATIONSHIP, daysAgo(10)));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    @Test
    void reviewExactlyAccessReviewDaysAgoIsWithin() {
        ControlResult r = run(TenantFixture.partner(), new Reviews().reviewed(RELATIONSHIP, daysAgo(90)));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.PASS);
    }

    @Test
    void oldReviewWarns() {
        ControlResult r = run(TenantFixture.partner(),
                new Reviews().reviewed(RELATIONSHIP, daysAgo(90).minusSeconds(1)));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.WARN);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("relationship", RELATIONSHIP, "review-overdue"));
        assertThat(r.findings().get(0).objectName()).contains("Contoso Customer");
    }

    @Test
    void neverReviewedWarns() {
        ControlResult r = run(TenantFixture.partner(), new Reviews());
        assertThat(r.status()).isEqualTo(Status.WARN);
        assertThat(Results.objectIds(r)).containsExactly(RELATIONSHIP);
        assertThat(r.findings().get(0).detail()).contains("never");
    }

    @Test
    void accessReviewDaysIsConfigurable() {
        Config thirty = TenantFixture.config().thresholds(new Thresholds(null, null, null, 30, null, null)).build();
        ControlResult r = run(TenantFixture.partner(), new Reviews().reviewed(RELATIONSHIP, daysAgo(45)), thirty);
        assertThat(r.status()).isEqualTo(Status.WARN);
    }

    @Test
    void terminatedRelationshipsNeedNoReview() {
        // the base's terminated OLD_RELATIONSHIP was never reviewed
        ControlResult r = run(TenantFixture.partner(), new Reviews().reviewed(RELATIONSHIP, daysAgo(1)));
        assertThat(Results.objectIds(r)).isEmpty();
    }
}
