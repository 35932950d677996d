package io.cspguard.sim.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.throttle.PageSizes;
import java.util.List;

/**
 * Logs and reports (the "identity and access reports" throttling family): sign-ins (v1.0 and beta, P1; graph-reference
 * §9), directory audits (§10: AuditLog.Read.All and Directory.Read.All together), user registration details (§2; no
 * {@code $top}, so its one page size is the largest) and a user's authentication methods (§3).
 */
final class ReportEndpoints {
    static final Permission SIGN_INS = Permission.of(Roles.AUDIT_READ, "AuditLog.Read.All");
    static final Permission DIRECTORY_AUDITS = Permission.of(Roles.AUDIT_READ, "AuditLog.Read.All")
            .and("Directory.Read.All", "Directory.ReadWrite.All");
    static final Permission REGISTRATION = Permission.of(Roles.AUDIT_READ, "AuditLog.Read.All");
    static final Permission AUTH_METHODS = Permission.of(Roles.AUTH_METHODS_READ, "UserAuthenticationMethod.Read.All",
            "UserAuthenticationMethod.ReadWrite.All");

    /** The password method every user has (graph-reference.md §3), for a user the world records no methods of. */
    private static final String PASSWORD_METHOD_ID = "28c10230-6103-485e-b985-444c60001490";

    private ReportEndpoints() {
    }

    static void register(Router r) {
        r.add(Endpoint.read("/auditLogs/signIns", SIGN_INS, Licence.P1, c -> "signIns.json",
                c -> Pages.collection(c, "signIns.json", "auditLogs/signIns",
                        Pages.Size.of(PageSizes.SIGN_INS, PageSizes.SIGN_INS), Projection.select(c.query().select()))));
        r.add(Endpoint.read("/auditLogs/directoryAudits", DIRECTORY_AUDITS, Licence.NONE, c -> "directoryAudits.json",
                c -> Pages.collection(c, "directoryAudits.json", "auditLogs/directoryAudits",
                        Pages.Size.of(PageSizes.DIRECTORY_AUDITS, PageSizes.DIRECTORY_AUDITS),
                        Projection.select(c.query().select()))));
        r.add(Endpoint.read("/reports/authenticationMethods/userRegistrationDetails", REGISTRATION, Licence.NONE,
                c -> "userRegistrationDetails.json", c -> Pages.collection(c, "userRegistrationDetails.json",
                        "reports/authenticationMethods/userRegistrationDetails",
                        Pages.Size.of(PageSizes.USER_REGISTRATION_DETAILS, PageSizes.USER_REGISTRATION_DETAILS),
                        Projection.select(c.query().select()))));
        r.add(Endpoint.read("/users/{id}/authentication/methods", AUTH_METHODS, Licence.NONE,
                ReportEndpoints::methodsFile, ReportEndpoints::methods));
    }

    private static String methodsFile(Call c) {
        return c.tenant().read(() -> {
            ObjectNode u = WorldFiles.user(c.tenant().tenant, c.param("id"));
            String id = u == null ? c.param("id") : WorldFiles.text(u, "id");
            return WorldFiles.keyed(c.tenant().tenant, "authenticationMethods", id);
        });
    }

    private static GraphResponse methods(Call c) {
        ObjectNode user = c.tenant().read(() -> WorldFiles.user(c.tenant().tenant, c.param("id")));
        if (user == null) {
            return c.notFound(c.param("id"));
        }
        String file = methodsFile(c);
        String context = "users('" + WorldFiles.text(user, "id") + "')/authentication/methods";
        Pages.Size all = Pages.Size.of(PageSizes.UNPAGED, PageSizes.UNPAGED);
        return Pages.list(c, file, () -> {
            List<ObjectNode> recorded = c.tenant().tenant.collections().get(file);
            if (recorded != null) {
                return recorded;
            }
            ObjectNode password = Json.object();
            password.put("@odata.type", "#microsoft.graph.passwordAuthenticationMethod");
            password.put("id", PASSWORD_METHOD_ID);
            password.putNull("password");
            password.set("createdDateTime", user.has("createdDateTime") ? user.get("createdDateTime")
                    : Json.MAPPER.nullNode());
            return List.of(password);
        }, context, all, Projection.ALL);
    }
}
