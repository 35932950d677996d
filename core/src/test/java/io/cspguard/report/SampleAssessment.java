package io.cspguard.report;

import io.cspguard.result.Assessment;
import io.cspguard.result.ControlResult;
import io.cspguard.result.ExceptionRef;
import io.cspguard.result.Finding;
import io.cspguard.result.Level;
import io.cspguard.result.Status;
import io.cspguard.result.TenantResult;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A small run built by hand: two tenants, every status, accepted and expired exceptions, and hostile strings. */
final class SampleAssessment {
    static final String IMG = "<img src=x onerror=alert(1)>";
    static final String SCRIPT = "\"><script>alert(1)</script>";
    static final String HYPERLINK = "=HYPERLINK(\"http://evil\",\"x\")";
    static final String CMD = "+cmd|' /C calc'!A0";
    static final String SUM = "@SUM(1)";
    static final String MINUS = "-2+3";
    static final String PIPES = "| table | break";
    static final String TAB = "\tstarts with a tab";
    static final String CR = "\rstarts with a carriage return";
    static final String LINK = "[click](http://evil.example/x) `code` *bold* _it_\nsecond line";

    static final String UNICODE = "created by the partner · Zoë ☃ 日本";

    static final String PARTNER_ID = "11111111-aaaa-4000-8000-000000000001";
    static final String CUSTOMER_ID = "22222222-bbbb-4000-8000-000000000002";
    static final Instant COLLECTED = Instant.parse("2026-11-26T10:00:00Z");
    static final ExceptionRef LIVE = new ExceptionRef(SUM, "alice@partner.com", LocalDate.parse("2027-03-31"));
    static final ExceptionRef EXPIRED = new ExceptionRef("old scanner " + IMG, "bob@partner.com",
            LocalDate.parse("2026-01-31"));

    private SampleAssessment() {
    }

    static Assessment build() {
        return new Assessment(1, Instant.parse("2026-11-26T10:05:00Z"), PARTNER_ID, "CSP Guard", "0.1.0",
                "/data/snapshot", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 42,
                "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210",
                List.of(partner(), customer()));
    }

    private static TenantResult partner() {
        List<Finding> many = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            many.add(finding("dev-" + i, "user-" + (i < 10 ? "0" : "") + i, MINUS, false, null,
                    i == 3 ? EXPIRED : null));
        }
        return new TenantResult(PARTNER_ID, "Partner " + IMG, "partner", "P2", COLLECTED, List.of(
                result("CSP.MFA.1", "Every user is registered for MFA", Level.SHALL, Status.FAIL,
                        "1 of 3 enabled users is not registered", null, 1, List.of(),
                        finding("f-ann", HYPERLINK, IMG, false, null, null),
                        finding("f-bob", CMD, PIPES, true, LIVE, null)),
                result("CSP.MFA.2", "MFA is required for every user", Level.SHALL, Status.PASS,
                        "every enabled user is covered", null, 0, List.of()),
                result("CSP.PRIV.6", "No standing access to privileged roles", Level.SHALL, Status.NOT_APPLICABLE,
                        null, "needs Entra ID P2 for PIM", 0, List.of()),
                result("CSP.DEV.2", "Privileged users work from dedicated workstations", Level.SHOULD, Status.WARN,
                        "12 sign-ins from other devices", null, 0, List.of(), many.toArray(Finding[]::new)),
                result("CSP.MON.3", "Global Administrators' recovery email and phone are trustworthy", Level.SHALL,
                        Status.NOT_ASSESSED, null, "authenticationMethods/u1.json missing " + SCRIPT, 0,
                        List.of("note " + IMG, LINK))),
                List.of("tenant problem " + SCRIPT));
    }

    private static TenantResult customer() {
        return new TenantResult(CUSTOMER_ID, SCRIPT, "customer", "none", COLLECTED, List.of(
                result("CSP.MFA.1", "Every user is registered for MFA", Level.SHALL, Status.FAIL,
                        "2 of 9 enabled users are not registered", null, 0, List.of(),
                        finding("c-1", SCRIPT, TAB, false, null, null),
                        finding("c-2", PIPES, CR, false, null, null),
                        finding("c-3", LINK, LINK, false, null, null)),
                result("CSP.ISO.3", "No accounts made in customer tenants for partner use", Level.SHOULD,
                        Status.PASS, "the only partner account is accepted", null, 1, List.of(),
                        finding("c-4", "partner-admin@" + IMG, UNICODE, true, LIVE, null)),
                result("CSP.MON.5", "Delegated admin activity is reviewed", Level.SHALL, Status.NOT_ASSESSED,
                        null, "signIns.json missing", 0, List.of()),
                result("X.UNKNOWN.1", null, Level.SHOULD, Status.WARN, "not in the registry", null, 0, List.of())),
                List.of());
    }

    private static ControlResult result(String id, String title, Level level, Status status, String summary,
                                        String reason, int accepted, List<String> notes, Finding... findings) {
        return new ControlResult(id, title, level, status, summary, reason, List.of(findings), accepted, notes);
    }

    private static Finding finding(String id, String name, String detail, boolean accepted, ExceptionRef live,
                                   ExceptionRef expired) {
        return new Finding(id, "user", "obj-" + id, name, "rule-1", detail, accepted, live, expired);
    }

    /** Results and findings of the sample, as every row-per-finding format counts them. */
    static int rowCount(Assessment a) {
        return a.tenants().stream().flatMap(t -> t.results().stream())
                .mapToInt(r -> Math.max(1, r.findings().size())).sum();
    }
}
