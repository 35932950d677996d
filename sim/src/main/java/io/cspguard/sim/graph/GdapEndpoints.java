package io.cspguard.sim.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.world.SimTenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GDAP, read on the partner side: {@code /tenantRelationships/delegatedAdminRelationships}, one relationship, its
 * {@code accessAssignments}, and {@code DELETE …/accessAssignments/{id}} (If-Match: the assignment's
 * {@code @odata.etag}; answers 204). A deleted assignment shows {@code deleting} at once and {@code deleted} a little
 * later ({@link #SETTLE}, divided by the time scale), as GDAP removes access asynchronously; either way it is no
 * longer {@code active}, so the access it granted is gone for tokens issued after it.
 */
final class GdapEndpoints {
    static final Permission READ = Permission.of(Roles.DIRECTORY_READ, "DelegatedAdminRelationship.Read.All",
            "DelegatedAdminRelationship.ReadWrite.All");
    static final Permission WRITE = Permission.of(Roles.GDAP_WRITE, "DelegatedAdminRelationship.ReadWrite.All");
    static final Duration SETTLE = Duration.ofSeconds(30);

    private static final String RELATIONSHIPS = "delegatedAdminRelationships.json";
    private static final String ASSIGNMENTS = "delegatedAdminAccessAssignments";
    private static final String BASE = "tenantRelationships/delegatedAdminRelationships";

    /** Assignments being deleted: "tenant|file|assignmentId" → when they become {@code deleted}. */
    private final Map<String, Instant> deleting = new ConcurrentHashMap<>();

    private GdapEndpoints() {
    }

    static void register(Router r) {
        GdapEndpoints g = new GdapEndpoints();
        r.add(Endpoint.read("/tenantRelationships/delegatedAdminRelationships", READ, Licence.NONE,
                c -> RELATIONSHIPS, c -> Pages.collection(c, RELATIONSHIPS, BASE,
                        DirectoryEndpoints.size(c, DirectoryEndpoints.DEFAULT_PAGE, false),
                        Projection.select(c.query().select()))));
        r.add(Endpoint.read("/tenantRelationships/delegatedAdminRelationships/{id}", READ, Licence.NONE,
                c -> RELATIONSHIPS, c -> {
                    ObjectNode o = c.tenant().read(() -> WorldFiles.byId(c.tenant().tenant, RELATIONSHIPS,
                            c.param("id")));
                    return o == null ? c.notFound(c.param("id"))
                            : Pages.object(c, o, BASE, Projection.select(c.query().select()));
                }));
        r.add(Endpoint.read("/tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments", READ,
                Licence.NONE, GdapEndpoints::file, g::assignments));
        r.add(Endpoint.read("/tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments/{assignmentId}",
                READ, Licence.NONE, GdapEndpoints::file, g::assignment));
        r.add(Endpoint.write("DELETE",
                "/tenantRelationships/delegatedAdminRelationships/{id}/accessAssignments/{assignmentId}", WRITE,
                Licence.NONE, g::delete));
    }

    private static String file(Call c) {
        return c.tenant().read(() -> WorldFiles.keyed(c.tenant().tenant, ASSIGNMENTS, c.param("id")));
    }

    private static boolean relationshipExists(Call c) {
        return c.tenant().read(() -> WorldFiles.byId(c.tenant().tenant, RELATIONSHIPS, c.param("id")) != null);
    }

    private GraphResponse assignments(Call c) {
        if (!relationshipExists(c)) {
            return c.notFound(c.param("id"));
        }
        settle(c);
        return Pages.collection(c, file(c), BASE + "('" + c.param("id") + "')/accessAssignments",
                DirectoryEndpoints.size(c, DirectoryEndpoints.DEFAULT_PAGE, false),
                Projection.select(c.query().select()));
    }

    private GraphResponse assignment(Call c) {
        settle(c);
        String file = file(c);
        ObjectNode o = c.tenant().read(() -> WorldFiles.byId(c.tenant().tenant, file, c.param("assignmentId")));
        return o == null ? c.notFound(c.param("assignmentId")) : Pages.object(c, o, BASE + "('" + c.param("id")
                + "')/accessAssignments", Projection.select(c.query().select()));
    }

    private GraphResponse delete(Call c) {
        String ifMatch = c.req().header("If-Match");
        if (ifMatch == null || ifMatch.isBlank()) {
            return c.badRequest("The If-Match header is required: the assignment's current ETag.");
        }
        String file = file(c);
        return c.tenant().write(() -> {
            SimTenant t = c.tenant().tenant;
            if (WorldFiles.byId(t, RELATIONSHIPS, c.param("id")) == null) {
                return c.notFound(c.param("id"));
            }
            ObjectNode a = WorldFiles.byId(t, file, c.param("assignmentId"));
            if (a == null) {
                return c.notFound(c.param("assignmentId"));
            }
            String status = WorldFiles.text(a, "status");
            if (status.equalsIgnoreCase("deleting") || status.equalsIgnoreCase("deleted")) {
                return c.badRequest("The access assignment is already " + status + ".");
            }
            String etag = WorldFiles.text(a, "@odata.etag");
            if (!ifMatch.trim().equals("*") && !etag.isEmpty() && !normal(ifMatch).equals(normal(etag))) {
                return c.error(412, "PreconditionFailed", "The If-Match ETag does not match the access assignment's "
                        + "current ETag.");
            }
            a.put("status", "deleting");
            a.put("lastModifiedDateTime", c.now().toString());
            a.put("@odata.etag", newEtag(a));
            deleting.put(key(c.tenant().id(), file, WorldFiles.text(a, "id")),
                    c.now().plus(c.clock().scaled(SETTLE)));
            return GraphResponse.noContent();
        });
    }

    /** Turns due {@code deleting} assignments of this relationship into {@code deleted}. */
    private void settle(Call c) {
        if (deleting.isEmpty()) {
            return;
        }
        String file = file(c);
        String prefix = c.tenant().id() + "|" + file + "|";
        Instant now = c.clock().instant();
        boolean due = deleting.entrySet().stream().anyMatch(e -> e.getKey().startsWith(prefix)
                && !e.getValue().isAfter(now));
        if (!due) {
            return;
        }
        c.tenant().write(() -> {
            Iterator<Map.Entry<String, Instant>> it = deleting.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, Instant> e = it.next();
                if (e.getKey().startsWith(prefix) && !e.getValue().isAfter(now)) {
                    ObjectNode a = WorldFiles.byId(c.tenant().tenant, file, e.getKey().substring(prefix.length()));
                    if (a != null && WorldFiles.text(a, "status").equalsIgnoreCase("deleting")) {
                        a.put("status", "deleted");
                        a.put("lastModifiedDateTime", e.getValue().toString());
                        a.put("@odata.etag", newEtag(a));
                    }
                    it.remove();
                }
            }
            return null;
        });
    }

    private static String key(String tenant, String file, String id) {
        return tenant + "|" + file + "|" + id;
    }

    /** ETags compare without the weak marker and quotes: clients copy them in different forms. */
    private static String normal(String etag) {
        String e = etag.trim();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        return e.replace("\"", "");
    }

    private static String newEtag(ObjectNode a) {
        String basis = WorldFiles.text(a, "id") + "|" + WorldFiles.text(a, "status") + "|"
                + WorldFiles.text(a, "lastModifiedDateTime");
        return "W/\"" + Base64.getEncoder().encodeToString(basis.getBytes(StandardCharsets.UTF_8)) + "\"";
    }
}
