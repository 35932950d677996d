package io.cspguard.controls.mon;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.result.Level;
import io.cspguard.snapshot.Licences;
import java.util.List;

/**
 * CSP.MON.2 — sign-in and audit logs are kept at least 30 days: the tenant has P1 or P2 (Entra keeps 30 days).
 * CSP Guard's own archive (server mode) would also satisfy it; a plain assess archives nothing.
 */
public final class Mon2LogRetention implements Control {
    private static final ControlInfo INFO = new ControlInfo("CSP.MON.2", Level.SHALL, Scope.ALL,
            LicenceRequirement.NONE, "Sign-in and audit logs are kept at least 30 days",
            "Keep sign-in and audit logs for at least 30 days, so that incidents can be investigated.",
            "An intrusion found after a week leaves no trail in a tenant that keeps 7 days of logs.",
            "License the tenant for Entra ID P1 (30 days of logs), or export its logs to a SIEM or to CSP Guard's "
                    + "archive.",
            List.of("subscribedSkus.json"),
            "CSP Guard's log archive (server mode) also satisfies it; a plain assess has none.");

    @Override
    public ControlInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(TenantView t) {
        Outcome out = new Outcome();
        Licences l = t.snapshot().licences();
        if (!l.known()) {
            return t.records().logsArchived(t.tenantId())
                    ? out.summary("CSP Guard archives the tenant's logs") : out.unknown(l.unknownReason());
        }
        if (l.hasP1()) {
            return out.summary(l.label() + ": Entra keeps sign-in and audit logs for 30 days");
        }
        if (t.records().logsArchived(t.tenantId())) {
            return out.summary(l.label() + ": Entra keeps 7 days, and CSP Guard archives the tenant's logs");
        }
        out.finding("tenant", t.tenantId(), t.snapshot().info().name(), "seven-day-retention",
                "Entra keeps 7 days only: the tenant has no Entra ID P1 or P2, and its logs are not archived");
        return out.summary("Entra keeps 7 days only");
    }
}
