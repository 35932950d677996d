package io.cspguard.sim.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.throttle.PageSizes;
import java.util.Iterator;
import java.util.Set;

/**
 * Directory reads: organization, subscribed SKUs, users (and disabling one), groups, applications, service
 * principals, devices and Intune's managed devices. App permissions from graph-reference.md §1, §12–§15.
 */
final class DirectoryEndpoints {
    private static final Set<String> READ = Roles.DIRECTORY_READ;
    /** Graph's default page of directory collections; {@code $top} raises it to the endpoint's largest page. */
    static final int DEFAULT_PAGE = 100;

    static final Permission ORGANIZATION = Permission.of(READ, "Organization.Read.All", "Directory.Read.All",
            "Organization.ReadWrite.All", "Directory.ReadWrite.All");
    static final Permission SKUS = Permission.of(READ, "Organization.Read.All", "LicenseAssignment.Read.All",
            "Directory.Read.All", "Organization.ReadWrite.All", "Directory.ReadWrite.All");
    static final Permission USERS = Permission.of(READ, "User.Read.All", "User.ReadWrite.All", "Directory.Read.All",
            "Directory.ReadWrite.All");
    /** {@code signInActivity} needs AuditLog.Read.All besides a users permission (graph-reference.md §1). */
    static final Permission SIGN_IN_ACTIVITY = Permission.of(Roles.AUDIT_READ, "AuditLog.Read.All");
    static final Permission USER_WRITE = Permission.of(Roles.USER_WRITE, "User.ReadWrite.All",
            "Directory.ReadWrite.All");
    static final Permission GROUPS = Permission.of(READ, "Group.Read.All", "GroupMember.Read.All",
            "Group.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All");
    static final Permission APPS = Permission.of(READ, "Application.Read.All", "Application.ReadWrite.All",
            "Directory.Read.All", "Directory.ReadWrite.All");
    static final Permission DEVICES = Permission.of(READ, "Device.Read.All", "Directory.Read.All",
            "Directory.ReadWrite.All");
    static final Permission MANAGED_DEVICES = Permission.of(Set.of(Roles.INTUNE_ADMIN, Roles.GLOBAL_READER,
            Roles.SECURITY_READER, Roles.GLOBAL_ADMIN), "DeviceManagementManagedDevices.Read.All",
            "DeviceManagementManagedDevices.ReadWrite.All");

    private DirectoryEndpoints() {
    }

    static void register(Router r) {
        plain(r, "/organization", ORGANIZATION, "organization.json", "organization", PageSizes.DIRECTORY);
        plain(r, "/subscribedSkus", SKUS, "subscribedSkus.json", "subscribedSkus", PageSizes.DIRECTORY);
        r.add(Endpoint.read("/users", USERS, Licence.NONE, c -> WorldFiles.USERS, DirectoryEndpoints::users));
        r.add(Endpoint.read("/users/{id}", USERS, Licence.NONE, c -> WorldFiles.USERS, DirectoryEndpoints::user));
        r.add(Endpoint.write("PATCH", "/users/{id}", USER_WRITE, Licence.NONE, DirectoryEndpoints::updateUser));
        plain(r, "/groups", GROUPS, WorldFiles.GROUPS, "groups", DEFAULT_PAGE);
        single(r, "/groups/{id}", GROUPS, WorldFiles.GROUPS, "groups");
        plain(r, "/applications", APPS, "applications.json", "applications", DEFAULT_PAGE);
        single(r, "/applications/{id}", APPS, "applications.json", "applications");
        plain(r, "/servicePrincipals", APPS, WorldFiles.SERVICE_PRINCIPALS, "servicePrincipals", DEFAULT_PAGE);
        single(r, "/servicePrincipals/{id}", APPS, WorldFiles.SERVICE_PRINCIPALS, "servicePrincipals");
        plain(r, "/devices", DEVICES, WorldFiles.DEVICES, "devices", DEFAULT_PAGE);
        plain(r, "/deviceManagement/managedDevices", MANAGED_DEVICES, "managedDevices.json",
                "deviceManagement/managedDevices", PageSizes.MANAGED_DEVICES);
    }

    /** A collection served as the world holds it. */
    static void plain(Router r, String path, Permission p, String file, String context, int defaultPage) {
        r.add(Endpoint.read(path, p, Licence.NONE, c -> file, c -> Pages.collection(c, file, context,
                size(c, defaultPage, false), Projection.select(c.query().select()))));
    }

    /** One object of a collection by id. */
    static void single(Router r, String path, Permission p, String file, String context) {
        r.add(Endpoint.read(path, p, Licence.NONE, c -> file, c -> {
            ObjectNode o = c.tenant().read(() -> WorldFiles.byId(c.tenant().tenant, file, c.param("id")));
            return o == null ? c.notFound(c.param("id")) : Pages.object(c, o, context,
                    Projection.select(c.query().select()));
        }));
    }

    static Pages.Size size(Call c, int defaultPage, boolean signInActivity) {
        return Pages.Size.of(defaultPage, PageSizes.forPath(c.req().path(), signInActivity));
    }

    private static GraphResponse signInActivityRefused(Call c) {
        if (!Licence.P1.satisfiedBy(c.tenant().tenant.licence())) {
            return c.error(Licence.P1.status, Licence.P1.code, Licence.P1.message);
        }
        if (!SIGN_IN_ACTIVITY.allows(c.token())) {
            return GraphErrors.denied(c.req(), c.now());
        }
        return null;
    }

    private static GraphResponse users(Call c) {
        boolean activity = c.query().selects("signInActivity") || filtersOn(c, "signInActivity");
        if (activity) {
            GraphResponse refused = signInActivityRefused(c);
            if (refused != null) {
                return refused;
            }
        }
        return Pages.collection(c, WorldFiles.USERS, "users", size(c, DEFAULT_PAGE, activity),
                Projection.select(c.query().select(), Projection.USER_DEFAULT));
    }

    private static boolean filtersOn(Call c, String property) {
        return c.query().filter() != null && c.query().filter().clauses().stream()
                .anyMatch(cl -> cl.property().toLowerCase().startsWith(property.toLowerCase()));
    }

    private static GraphResponse user(Call c) {
        if (c.query().selects("signInActivity")) {
            GraphResponse refused = signInActivityRefused(c);
            if (refused != null) {
                return refused;
            }
        }
        ObjectNode u = c.tenant().read(() -> WorldFiles.user(c.tenant().tenant, c.param("id")));
        return u == null ? c.notFound(c.param("id"))
                : Pages.object(c, u, "users", Projection.select(c.query().select(), Projection.USER_DEFAULT));
    }

    /**
     * {@code PATCH /users/{id}}: the workflows disable accounts ({@code accountEnabled}); other properties are refused
     * rather than silently kept, since nothing in the simulator would honour them.
     */
    private static GraphResponse updateUser(Call c) {
        JsonNode body = Json.parse(c.req().body());
        if (body == null || !body.isObject() || body.isEmpty()) {
            return c.badRequest("Empty or malformed request body.");
        }
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!n.equals("accountEnabled")) {
                return c.badRequest("Property '" + n + "' cannot be updated in the simulator; only accountEnabled.");
            }
        }
        if (!body.get("accountEnabled").isBoolean()) {
            return c.badRequest("Invalid value for property 'accountEnabled': a Boolean is expected.");
        }
        boolean enabled = body.get("accountEnabled").asBoolean();
        Actor actor = Actor.of(c.token(), c.tenants());
        return c.tenant().write(() -> {
            ObjectNode u = WorldFiles.user(c.tenant().tenant, c.param("id"));
            if (u == null) {
                return c.notFound(c.param("id"));
            }
            boolean before = u.path("accountEnabled").asBoolean(true);
            u.put("accountEnabled", enabled);
            String id = WorldFiles.text(u, "id");
            // Group member entries that carry accountEnabled describe the same user: keep them in step.
            for (var e : c.tenant().tenant.collections().entrySet()) {
                if (e.getKey().startsWith("groupMembers/")) {
                    for (ObjectNode m : e.getValue()) {
                        if (id.equalsIgnoreCase(WorldFiles.text(m, "id")) && m.has("accountEnabled")) {
                            m.put("accountEnabled", enabled);
                        }
                    }
                }
            }
            ObjectNode target = DirectoryAuditLog.target(id, WorldFiles.text(u, "displayName"), "User",
                    WorldFiles.text(u, "userPrincipalName"));
            target.putArray("modifiedProperties").addObject().put("displayName", "AccountEnabled")
                    .put("oldValue", "[" + before + "]").put("newValue", "[" + enabled + "]");
            DirectoryAuditLog.append(c.tenant(), c.now(), actor, "UserManagement", "Core Directory",
                    enabled ? "Enable account" : "Disable account", "Update", target);
            return GraphResponse.noContent();
        });
    }
}
