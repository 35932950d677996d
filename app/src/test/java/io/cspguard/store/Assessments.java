package io.cspguard.store;

import io.cspguard.eval.Evaluator;
import io.cspguard.result.Assessment;
import io.cspguard.result.ControlResult;
import io.cspguard.result.ExceptionRef;
import io.cspguard.result.Finding;
import io.cspguard.result.Level;
import io.cspguard.result.Status;
import io.cspguard.result.TenantResult;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Small assessments built from core's result records, for the store tests. */
final class Assessments {
    static final String PARTNER = "00000000-0000-0000-0000-00000000000p";
    static final Instant GENERATED = Instant.parse("2026-11-26T10:00:00Z");

    private Assessments() {
    }

    static Assessment of(TenantResult... tenants) {
        return new Assessment(1, GENERATED, PARTNER, "cspguard", "0.1.0-test", "/snapshots/x",
                "a".repeat(64), 42, "b".repeat(64), List.of(tenants));
    }

    static TenantResult tenant(String id, ControlResult... results) {
        return new TenantResult(id, "Tenant " + id, id.equals(PARTNER) ? "partner" : "customer", "P2",
                GENERATED.minusSeconds(600), List.of(results), List.of());
    }

    static ControlResult pass(String control) {
        return new ControlResult(control, "Title of " + control, Level.SHALL, Status.PASS, "all good", null, List.of(), 0,
                List.of());
    }

    static ControlResult notAssessed(String control) {
        return new ControlResult(control, "Title of " + control, Level.SHALL, Status.NOT_ASSESSED, "missing data",
                "users.json is missing", List.of(), 0, List.of());
    }

    static ControlResult fail(String control, Finding... findings) {
        List<Finding> all = List.of(findings);
        int accepted = (int) all.stream().filter(Finding::accepted).count();
        Status status = accepted == all.size() ? Status.PASS : Status.FAIL;
        return new ControlResult(control, "Title of " + control, Level.SHALL, status, all.size() + " findings", null, all,
                accepted, List.of("a note"));
    }

    /** A finding of a user in a tenant's control, with its real stable id. */
    static Finding finding(String tenant, String control, String user) {
        return finding(tenant, control, user, "excluded from policy 'Require MFA'");
    }

    static Finding finding(String tenant, String control, String user, String detail) {
        return new Finding(Evaluator.findingId(tenant, control, "user", user, "not-covered"), "user", user,
                user + "@example.com", "not-covered", detail, false, null, null);
    }

    static Finding accepted(Finding f) {
        ExceptionRef e = new ExceptionRef("break-glass account", "alice", LocalDate.parse("2027-01-31"));
        return new Finding(f.findingId(), f.objectType(), f.objectId(), f.objectName(), f.rule(), f.detail(), true, e,
                null);
    }
}
