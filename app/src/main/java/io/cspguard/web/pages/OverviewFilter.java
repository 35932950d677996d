package io.cspguard.web.pages;

import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The overview's filters: a search on tenant name or id, tenants with at least one result of a status, a licence,
 * a role (partner or customer), and the page. Null means no filter.
 */
public record OverviewFilter(String search, String status, String licence, String role, int page) {
    static final int PAGE_SIZE = 50;

    static OverviewFilter from(Context ctx) {
        String search = Params.query(ctx, "q");
        if (search != null && search.length() > 200) {
            throw PageProblem.badRequest("the search is longer than 200 characters");
        }
        String role = Params.query(ctx, "role");
        if (role != null && !role.equals("partner") && !role.equals("customer")) {
            throw PageProblem.badRequest("'" + Params.clip(role) + "' is not a role: use partner or customer");
        }
        return new OverviewFilter(search, Statuses.parse(Params.query(ctx, "status")), Params.query(ctx, "licence"),
                role, Params.page(ctx));
    }

    Map<String, String> asQuery() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("q", search);
        m.put("status", status);
        m.put("licence", licence);
        m.put("role", role);
        return m;
    }

    public boolean any() {
        return search != null || status != null || licence != null || role != null;
    }
}
