package io.cspguard.web.pages;

import io.cspguard.web.Role;
import io.cspguard.web.SecuredRoutes;

/**
 * The dashboard's pages and the least role each needs. Viewers read; operators also start runs, request exceptions
 * and download reports; approvers also decide exceptions (someone else's requests).
 */
public final class DashboardRoutes {
    private DashboardRoutes() {
    }

    public static void register(SecuredRoutes routes, DashboardServices s) {
        OverviewPage overview = new OverviewPage(s);
        TenantPage tenant = new TenantPage(s);
        ControlPages controls = new ControlPages(s);
        FindingPage finding = new FindingPage(s);
        RunPages runs = new RunPages(s);
        ReportDownloads downloads = new ReportDownloads(s);
        ExceptionPages exceptions = new ExceptionPages(s);

        routes.get("/", Role.VIEWER, Pages.guarded(overview::show));
        routes.get("/tenants/{id}", Role.VIEWER, Pages.guarded(tenant::show));
        routes.get("/controls", Role.VIEWER, Pages.guarded(controls::list));
        routes.get("/controls/{id}", Role.VIEWER, Pages.guarded(controls::show));
        routes.get("/findings/{id}", Role.VIEWER, Pages.guarded(finding::show));
        routes.get("/runs", Role.VIEWER, Pages.guarded(runs::list));
        routes.post("/runs", Role.OPERATOR, Pages.guarded(runs::start));
        routes.get("/runs/{id}", Role.VIEWER, Pages.guarded(runs::show));
        routes.get("/runs/{id}/{file}", Role.OPERATOR, Pages.guarded(downloads::download));
        routes.get("/exceptions", Role.VIEWER, Pages.guarded(exceptions::list));
        routes.post("/exceptions", Role.OPERATOR, Pages.guarded(exceptions::request));
        routes.post("/exceptions/{id}/approve", Role.APPROVER, Pages.guarded(exceptions::approve));
        routes.post("/exceptions/{id}/reject", Role.APPROVER, Pages.guarded(exceptions::reject));
        routes.post("/exceptions/{id}/revoke", Role.APPROVER, Pages.guarded(exceptions::revoke));
    }
}
