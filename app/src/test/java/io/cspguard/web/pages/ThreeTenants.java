package io.cspguard.web.pages;

import io.cspguard.controls.ControlRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The pages' fixture: a partner and two customers whose names, objects and details are hostile strings, three
 * stored runs a day apart and a failed fourth. Every result is PASS except the ones named here, so each page has
 * exactly these facts to show.
 *
 * <pre>
 * run 1: A/MFA.2 FAIL (f1 new)                       B/PRIV.3 FAIL (f2 new)
 * run 2: A/MFA.2 PASS (f1 resolved), A/MFA.3 WARN (f4 new), B/PRIV.3 FAIL
 * run 3: A/MFA.2 FAIL (f1 reopened), A/MFA.3 PASS (f4 resolved), B/PRIV.3 FAIL
 * every run: P/MON.2 NOT_ASSESSED, B/DEV.1 NOT_APPLICABLE
 * run 4: failed
 * </pre>
 */
public final class ThreeTenants {
    public static final String SCRIPT = "<script>alert(1)</script>";
    public static final String IMG = "\"><img src=x onerror=alert(1)>";
    public static final String JS_URL = "javascript:alert(1)";

    public static final String P = "11111111-1111-1111-1111-111111111111";
    public static final String A = "22222222-2222-2222-2222-222222222222";
    public static final String B = "33333333-3333-3333-3333-333333333333";
    public static final String P_NAME = "Contoso Partner";
    public static final String A_NAME = "Fabrikam " + SCRIPT;
    public static final String B_NAME = "Tailspin " + IMG;

    public static final String F1 = "f1-mfa2-fabrikam-user";
    public static final String F2 = "f2-priv3-tailspin-admins";
    public static final String F4 = "f4-mfa3-fabrikam-method";

    public static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
    public static final Instant NOW = Instant.parse("2026-05-10T12:00:00Z");

    public long run1;
    public long run2;
    public long run3;
    public long run4;

    public static ThreeTenants fill(StoreFixture s) {
        ThreeTenants t = new ThreeTenants();
        t.run1 = stored(s, "schedule", null, T0, Map.of(A + "CSP.MFA.2", "FAIL"));
        t.run2 = stored(s, "manual", "alice", day(1), Map.of(A + "CSP.MFA.3", "WARN"));
        t.run3 = stored(s, "manual", "bob", day(2), Map.of(A + "CSP.MFA.2", "FAIL"));
        t.run4 = s.run("schedule", null, day(3), "failed", "collection failed: " + SCRIPT);
        s.tenant(P, P_NAME, "partner", "P2", t.run3, day(2));
        s.tenant(A, A_NAME, "customer", "P1", t.run3, day(2));
        s.tenant(B, B_NAME, "customer", "none", t.run3, day(2));

        s.finding(new StoreFixture.FindingSpec(F1, A, "CSP.MFA.2", "user", "u-0001", SCRIPT + "@fabrikam.example",
                "no-mfa", IMG, "open", false, t.run1, T0, t.run3, day(2), null, null, 1));
        s.finding(new StoreFixture.FindingSpec(F2, B, "CSP.PRIV.3", "role", "r-ga", JS_URL, "too-many-global-admins",
                "5 Global Administrators " + SCRIPT, "open", false, t.run1, T0, t.run3, day(2), null, null, 0));
        s.finding(new StoreFixture.FindingSpec(F4, A, "CSP.MFA.3", "user", "u-0002", "casey@fabrikam.example",
                "weak-method", "SMS only", "resolved", false, t.run2, day(1), t.run2, day(1), t.run3, day(2), 0));
        s.event(F1, t.run1, "new", T0);
        s.event(F2, t.run1, "new", T0);
        s.event(F1, t.run2, "resolved", day(1));
        s.event(F4, t.run2, "new", day(1));
        s.event(F1, t.run3, "reopened", day(2));
        s.event(F4, t.run3, "resolved", day(2));
        for (long run : new long[] {t.run1, t.run2, t.run3}) {
            s.counts(run);
        }
        return t;
    }

    static Instant day(int n) {
        return T0.plus(Duration.ofDays(n));
    }

    private static long stored(StoreFixture s, String trigger, String by, Instant at, Map<String, String> special) {
        long run = s.run(trigger, by, at, "stored", null);
        s.runTenant(run, P, P_NAME, "[]");
        s.runTenant(run, A, A_NAME, "[\"signIns.json unreadable: " + SCRIPT.replace("\"", "\\\"") + "\"]");
        s.runTenant(run, B, B_NAME, "[]");
        for (String tenant : new String[] {P, A, B}) {
            for (String control : ControlRegistry.ids()) {
                String status = special.getOrDefault(tenant + control, "PASS");
                String reason = null;
                if (tenant.equals(B) && control.equals("CSP.PRIV.3")) {
                    status = "FAIL";
                }
                if (tenant.equals(P) && control.equals("CSP.MON.2")) {
                    status = "NOT_ASSESSED";
                    reason = "directoryAudits.json is missing";
                }
                if (tenant.equals(B) && control.equals("CSP.DEV.1")) {
                    status = "NOT_APPLICABLE";
                    reason = "needs Entra ID P2";
                }
                int open = status.equals("FAIL") || status.equals("WARN") ? 1 : 0;
                s.result(run, tenant, control, status, status.equals("PASS") ? "All good" : "Summary " + IMG, reason,
                        open, 0);
            }
        }
        return run;
    }
}
