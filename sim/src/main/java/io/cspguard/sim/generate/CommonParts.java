package io.cspguard.sim.generate;

import io.cspguard.sim.generate.TenantModel.Access;
import io.cspguard.sim.generate.TenantModel.App;
import io.cspguard.sim.generate.TenantModel.Resource;
import io.cspguard.sim.generate.TenantModel.Secret;
import io.cspguard.sim.generate.TenantModel.Sp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Parts every tenant has: Microsoft's service principals, line-of-business apps. */
final class CommonParts {
    private CommonParts() {
    }

    static void firstPartyServicePrincipals(TenantModel t, boolean partner) {
        List<Catalog.App> apps = new ArrayList<>(List.of(Catalog.GRAPH, Catalog.EXCHANGE, Catalog.SHAREPOINT,
                Catalog.TEAMS_APP, Catalog.AZURE_PORTAL, Catalog.OFFICE_PORTAL, Catalog.AZURE_MANAGEMENT));
        if (partner) {
            apps.add(Catalog.PARTNER_CENTER);
        }
        for (Catalog.App a : apps) {
            t.sps.add(new Sp(t.rng.uuid(), a.appId(), a.name(), Catalog.MICROSOFT_TENANT));
        }
    }

    /** An app registered in the tenant that reads Microsoft Graph (never Azure AD Graph), with its SP. */
    static App lineOfBusinessApp(TenantModel t, String name) {
        Rng rng = t.rng;
        App a = new App(rng.uuid(), rng.uuid(), name);
        a.created = rng.daysAgo(t.now, 60, 1500);
        List<Access> graph = new ArrayList<>();
        for (String role : rng.sample(Catalog.GRAPH_APP_ROLES, rng.between(1, 2))) {
            graph.add(new Access(role, "Role"));
        }
        graph.add(new Access(Catalog.GRAPH_USER_READ, "Scope"));
        a.resources.add(new Resource(Catalog.GRAPH.appId(), graph));
        if (rng.chance(0.6)) {
            Instant start = rng.daysAgo(t.now, 20, 400);
            a.secrets.add(new Secret(rng.uuid(), "automation", rng.alnum(3), start,
                    start.plus(Duration.ofDays(rng.pick(new Integer[] {180, 365, 730})))));
        }
        t.apps.add(a);
        Sp sp = new Sp(rng.uuid(), a.appId, name, t.tenantId);
        sp.tags.add("WindowsAzureActiveDirectoryIntegratedApp");
        t.sps.add(sp);
        return a;
    }

    /** A third-party app's service principal (registered elsewhere, consented here). */
    static Sp thirdPartyServicePrincipal(TenantModel t, String name) {
        Sp sp = new Sp(t.rng.uuid(), t.rng.uuid(), name, t.rng.uuid());
        sp.tags.add("WindowsAzureActiveDirectoryIntegratedApp");
        t.sps.add(sp);
        return sp;
    }
}
