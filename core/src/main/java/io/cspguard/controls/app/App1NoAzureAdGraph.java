package io.cspguard.controls.app;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Roles;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.result.Level;
import io.cspguard.snapshot.graph.Application;
import io.cspguard.snapshot.graph.Text;
import java.util.List;

/** CSP.APP.1 — no application still asks for Azure AD Graph permissions (retired). */
public final class App1NoAzureAdGraph implements Control {
    private static final ControlInfo INFO = new ControlInfo("CSP.APP.1", Level.SHALL, Scope.ALL,
            LicenceRequirement.NONE, "No application still depends on Azure AD Graph",
            "Migrate applications from Azure AD Graph to Microsoft Graph.",
            "Azure AD Graph is retired: apps that depend on it break, and their broad legacy permissions linger.",
            "Migrate each app to Microsoft Graph and remove its Azure AD Graph (00000002-0000-0000-c000-000000000000) "
                    + "permissions from the app registration.",
            List.of("applications.json"), null);

    @Override
    public ControlInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(TenantView t) {
        Outcome out = new Outcome();
        if (!out.need(t.snapshot().applications())) {
            return out;
        }
        int count = 0;
        for (Application a : t.snapshot().applications().orNull()) {
            for (Application.RequiredResourceAccess r : a.requiredResourceAccess()) {
                if (!Text.eq(r.resourceAppId(), Roles.AZURE_AD_GRAPH_APP)) {
                    continue;
                }
                count++;
                List<String> permissions = r.resourceAccess().stream()
                        .map(p -> p.id() + " (" + ("Role".equalsIgnoreCase(p.type()) ? "application" : "delegated") + ")")
                        .toList();
                out.finding("application", a.id(), a.name(), "azure-ad-graph", "asks for Azure AD Graph permissions "
                        + permissions + ": migrate to Microsoft Graph", a.appId());
                break;
            }
        }
        return out.summary(count + " application(s) still depend on Azure AD Graph");
    }
}
