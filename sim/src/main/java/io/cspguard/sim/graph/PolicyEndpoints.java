package io.cspguard.sim.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Conditional Access policies (graph-reference.md §5: readable without P1, so no licence gate; the world simply holds
 * none for a tenant that has none), security defaults (§6) and the authentication methods policy (§4), the last two
 * single objects as the world holds them.
 */
final class PolicyEndpoints {
    static final Permission CONDITIONAL_ACCESS = Permission.of(Roles.POLICY_READ, "Policy.Read.All",
            "Policy.Read.ConditionalAccess", "Policy.ReadWrite.ConditionalAccess");
    /** [MEMORY] graph-reference.md could not verify this table. */
    static final Permission SECURITY_DEFAULTS = Permission.of(Roles.POLICY_READ, "Policy.Read.All",
            "Policy.ReadWrite.ConditionalAccess", "Policy.ReadWrite.SecurityDefaults");
    static final Permission AUTH_METHODS_POLICY = Permission.of(Roles.POLICY_READ, "Policy.Read.AuthenticationMethod",
            "Policy.ReadWrite.AuthenticationMethod", "Policy.Read.All");

    private PolicyEndpoints() {
    }

    static void register(Router r) {
        String ca = "conditionalAccessPolicies.json";
        r.add(Endpoint.read("/identity/conditionalAccess/policies", CONDITIONAL_ACCESS, Licence.NONE, c -> ca,
                c -> Pages.collection(c, ca, "identity/conditionalAccess/policies",
                        DirectoryEndpoints.size(c, DirectoryEndpoints.DEFAULT_PAGE, false),
                        Projection.select(c.query().select()))));
        r.add(Endpoint.read("/identity/conditionalAccess/policies/{id}", CONDITIONAL_ACCESS, Licence.NONE, c -> ca,
                c -> {
                    ObjectNode o = c.tenant().read(() -> WorldFiles.byId(c.tenant().tenant, ca, c.param("id")));
                    return o == null ? c.notFound(c.param("id")) : Pages.object(c, o,
                            "identity/conditionalAccess/policies", Projection.select(c.query().select()));
                }));
        object(r, "/policies/identitySecurityDefaultsEnforcementPolicy", SECURITY_DEFAULTS, "securityDefaults.json",
                "policies/identitySecurityDefaultsEnforcementPolicy");
        object(r, "/policies/authenticationMethodsPolicy", AUTH_METHODS_POLICY, "authenticationMethodsPolicy.json",
                "policies/authenticationMethodsPolicy");
    }

    private static void object(Router r, String path, Permission p, String file, String context) {
        r.add(Endpoint.read(path, p, Licence.NONE, c -> file, c -> {
            ObjectNode o = c.tenant().read(() -> c.tenant().tenant.objects().get(file));
            return o == null ? c.notFound(path.substring(path.lastIndexOf('/') + 1))
                    : Pages.object(c, o, context, Projection.select(c.query().select()));
        }));
    }
}
