package io.cspguard.web.pages;

import io.javalin.http.Context;

/** GET / : the partner overview. Not audited as a view of one tenant's data: it is the partner-wide summary. */
final class OverviewPage {
    private final DashboardServices s;

    OverviewPage(DashboardServices s) {
        this.s = s;
    }

    void show(Context ctx) {
        OverviewView view = OverviewQuery.read(s.db(), OverviewFilter.from(ctx));
        Pages.render(ctx, "overview", "Overview", "overview", view);
    }
}
