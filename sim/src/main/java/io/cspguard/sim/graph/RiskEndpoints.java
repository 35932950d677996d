package io.cspguard.sim.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.world.SimTenant;
import java.util.ArrayList;
import java.util.List;

/**
 * Identity Protection's risky users (graph-reference.md §11; P2): list, {@code dismiss} (riskLevel none, riskState
 * dismissed, riskDetail adminDismissedAllRiskForUser) and {@code confirmCompromised} (high, confirmedCompromised,
 * adminConfirmedUserCompromised), each answering 204. Confirming a user the world holds no risk record of creates
 * one, as Identity Protection starts tracking the user; dismissing one changes nothing.
 */
final class RiskEndpoints {
    static final String FILE = "riskyUsers.json";
    static final Permission READ = Permission.of(Roles.RISK_READ, "IdentityRiskyUser.Read.All",
            "IdentityRiskyUser.ReadWrite.All");
    static final Permission WRITE = Permission.of(Roles.RISK_WRITE, "IdentityRiskyUser.ReadWrite.All");

    private RiskEndpoints() {
    }

    static void register(Router r) {
        r.add(Endpoint.read("/identityProtection/riskyUsers", READ, Licence.P2_RISK, c -> FILE,
                c -> Pages.collection(c, FILE, "identityProtection/riskyUsers",
                        DirectoryEndpoints.size(c, DirectoryEndpoints.DEFAULT_PAGE, false),
                        Projection.select(c.query().select()))));
        r.add(Endpoint.read("/identityProtection/riskyUsers/{id}", READ, Licence.P2_RISK, c -> FILE, c -> {
            ObjectNode o = c.tenant().read(() -> WorldFiles.byId(c.tenant().tenant, FILE, c.param("id")));
            return o == null ? c.notFound(c.param("id"))
                    : Pages.object(c, o, "identityProtection/riskyUsers", Projection.select(c.query().select()));
        }));
        r.add(Endpoint.write("POST", "/identityProtection/riskyUsers/dismiss", WRITE, Licence.P2_RISK,
                c -> change(c, false)));
        r.add(Endpoint.write("POST", "/identityProtection/riskyUsers/confirmCompromised", WRITE, Licence.P2_RISK,
                c -> change(c, true)));
    }

    private static GraphResponse change(Call c, boolean compromised) {
        JsonNode body = Json.parse(c.req().body());
        JsonNode ids = body == null ? null : body.get("userIds");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            return c.badRequest("Invalid request body: expected {\"userIds\":[…]}.");
        }
        List<String> userIds = new ArrayList<>();
        ids.forEach(i -> userIds.add(i.asText()));
        return c.tenant().write(() -> {
            SimTenant t = c.tenant().tenant;
            for (String id : userIds) {
                ObjectNode risky = WorldFiles.byId(t, FILE, id);
                if (risky == null && compromised) {
                    ObjectNode user = WorldFiles.user(t, id);
                    if (user == null) {
                        continue;
                    }
                    risky = Json.object();
                    risky.put("id", WorldFiles.text(user, "id"));
                    risky.put("isDeleted", false);
                    risky.put("isProcessing", false);
                    risky.put("userDisplayName", WorldFiles.text(user, "displayName"));
                    risky.put("userPrincipalName", WorldFiles.text(user, "userPrincipalName"));
                    t.collection(FILE).add(risky);
                }
                if (risky == null) {
                    continue;
                }
                risky.put("riskLevel", compromised ? "high" : "none");
                risky.put("riskState", compromised ? "confirmedCompromised" : "dismissed");
                risky.put("riskDetail", compromised ? "adminConfirmedUserCompromised" : "adminDismissedAllRiskForUser");
                risky.put("riskLastUpdatedDateTime", c.now().toString());
            }
            return GraphResponse.noContent();
        });
    }
}
