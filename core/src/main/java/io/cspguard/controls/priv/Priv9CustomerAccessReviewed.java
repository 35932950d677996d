package io.cspguard.controls.priv;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.result.Level;
import io.cspguard.snapshot.graph.DelegatedAdminRelationship;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * CSP.PRIV.9 — every active GDAP relationship had a completed access review in CSP Guard within
 * {@code accessReviewDays}. Reviews are CSP Guard's own records: a plain assess has none, so with active
 * relationships it is NOT_ASSESSED (never PASS, never FAIL for lack of records).
 */
public final class Priv9CustomerAccessReviewed implements Control {
    private static final ControlInfo INFO = new ControlInfo("CSP.PRIV.9", Level.SHOULD, Scope.PARTNER,
            LicenceRequirement.NONE, "Access to customer environments is reviewed regularly",
            "Review delegated access to customer tenants regularly and remove what is no longer needed.",
            "Access that nobody reviews only grows; a regular review is how stale access gets removed.",
            "Run an access review of each active GDAP relationship in CSP Guard at least every accessReviewDays days.",
            List.of("delegatedAdminRelationships.json"),
            "Reads CSP Guard's completed access reviews. A plain assess has none: with active GDAP relationships the "
                    + "result is NOT_ASSESSED; with none, PASS.");

    @Override
    public ControlInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(TenantView t) {
        Outcome out = new Outcome();
        if (!out.need(t.snapshot().delegatedAdminRelationships())) {
            return out;
        }
        List<DelegatedAdminRelationship> active = t.snapshot().delegatedAdminRelationships().orNull().stream()
                .filter(DelegatedAdminRelationship::active).toList();
        if (active.isEmpty()) {
            return out.summary("no active GDAP relationship");
        }
        if (!t.records().available()) {
            return out.unknown("no access-review records: reviews are kept by CSP Guard (server mode), and a plain "
                    + "assess has none for the " + active.size() + " active GDAP relationship(s)");
        }
        int days = t.config().thresholds().accessReviewDays();
        int overdue = 0;
        for (DelegatedAdminRelationship r : active) {
            Optional<Instant> last = t.records().lastAccessReview(t.tenantId(), r.id());
            if (last.isEmpty() || !t.withinDays(last.get(), days)) {
                overdue++;
                out.finding("relationship", r.id(), (r.displayName() != null ? r.displayName() : r.id()) + " ("
                        + r.customerName() + ")", "review-overdue", "no completed access review within " + days
                        + " days (last: " + last.map(Instant::toString).orElse("never") + ")");
            }
        }
        return out.summary(overdue + " of " + active.size() + " active GDAP relationships are overdue for review");
    }
}
