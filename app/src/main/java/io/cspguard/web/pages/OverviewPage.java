package io.cspguard.web.pages;

import io.javalin.http.Context;

/** GET / : the partner overview. Not audited as a view of one tenant's data: it is the partner-wide summary. */
final class OverviewPage {
    private final DashboardServices s;
    private final OverviewCache cache = new OverviewCache();

    OverviewPage(DashboardServices s) {
        this.s = s;
    }

    void show(Context ctx) {
        OverviewFilter filter = OverviewFilter.from(ctx);
        Long latest = s.db().jdbi().withHandle(OverviewQuery::latestStoredRun);
        OverviewView view = cache.get(latest, filter, () -> OverviewQuery.read(s.db(), filter));
        Pages.render(ctx, "overview", "Overview", "overview", view);
    }
}
