package io.cspguard.sim.graph;

import java.util.HashSet;
import java.util.Set;

/**
 * Directory role template ids (graph-reference.md §7a; those marked [MEMORY] are not in that table) and the sets of
 * them that a delegated caller's {@code wids} must meet: through GDAP a partner user can do in a customer only what
 * its roles there allow.
 */
final class Roles {
    static final String GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10";
    static final String PRIVILEGED_ROLE_ADMIN = "e8611ab8-c189-46e8-94e1-60213ab1f814";
    static final String PRIVILEGED_AUTH_ADMIN = "7be44c8a-adaf-4e2a-84d6-ab2649e08a13";
    static final String SECURITY_ADMIN = "194ae4cb-b126-40b2-bd5b-6091b380977d";
    static final String EXCHANGE_ADMIN = "29232cdf-9323-42fd-ade2-1d097af3e4de";
    static final String SHAREPOINT_ADMIN = "f28a1f50-f6e7-4571-818b-6a12f2af6b6c";
    static final String USER_ADMIN = "fe930be7-5e62-47db-91af-98c3a49a38b1";
    static final String HELPDESK_ADMIN = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    static final String BILLING_ADMIN = "b0f54661-2d74-4c50-afa3-1ec803f12efe";
    static final String CONDITIONAL_ACCESS_ADMIN = "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9";
    static final String APPLICATION_ADMIN = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3";
    static final String CLOUD_APPLICATION_ADMIN = "158c047a-c907-4556-b7ef-446551a6b5f7";
    static final String AUTHENTICATION_ADMIN = "c4e39bd9-1100-46d3-8c65-fb160da0071f";
    static final String INTUNE_ADMIN = "3a2c62db-5318-420d-8d74-23affee5d9d5";
    static final String HYBRID_IDENTITY_ADMIN = "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2";
    static final String GLOBAL_READER = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
    static final String SECURITY_READER = "5d6b6bb7-de71-4623-b4af-96380a352509";
    static final String PASSWORD_ADMIN = "966707d0-3269-4727-9be2-8c3a10f19b9d";
    static final String AUTHENTICATION_POLICY_ADMIN = "0526716b-113d-4c15-b2c8-68e3c22b9f80";
    static final String DIRECTORY_WRITERS = "9360feb5-f418-4baa-8175-e2a00bac4301";
    static final String TEAMS_ADMIN = "69091246-20e8-4a56-aa4d-066075b2a7a8";
    static final String COMPLIANCE_ADMIN = "17315797-102d-40b4-93e0-432062caca18";
    static final String GROUPS_ADMIN = "fdd7a751-b60b-444a-984c-02652fe8fa1c";
    static final String CLOUD_DEVICE_ADMIN = "7698a772-787b-4ac8-901f-60d6b08affd2";
    /** [MEMORY] */
    static final String REPORTS_READER = "4a5d8f65-41da-4de4-8968-e035b65339cf";
    /** [MEMORY] */
    static final String DIRECTORY_READERS = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b";
    /** [MEMORY] */
    static final String SECURITY_OPERATOR = "5f2222b1-57c3-48ba-8ad5-d4759f1fde6f";

    /** Read-only roles. */
    static final Set<String> READERS = Set.of(GLOBAL_READER, SECURITY_READER, REPORTS_READER, DIRECTORY_READERS);

    /** Administrator roles (any of them can read the directory). */
    static final Set<String> ADMINS = Set.of(GLOBAL_ADMIN, PRIVILEGED_ROLE_ADMIN, PRIVILEGED_AUTH_ADMIN, SECURITY_ADMIN,
            EXCHANGE_ADMIN, SHAREPOINT_ADMIN, USER_ADMIN, HELPDESK_ADMIN, BILLING_ADMIN, CONDITIONAL_ACCESS_ADMIN,
            APPLICATION_ADMIN, CLOUD_APPLICATION_ADMIN, AUTHENTICATION_ADMIN, INTUNE_ADMIN, HYBRID_IDENTITY_ADMIN,
            PASSWORD_ADMIN, AUTHENTICATION_POLICY_ADMIN, DIRECTORY_WRITERS, TEAMS_ADMIN, COMPLIANCE_ADMIN, GROUPS_ADMIN,
            CLOUD_DEVICE_ADMIN, SECURITY_OPERATOR);

    /** Directory reads (users, groups, roles, apps, devices, GDAP): any reader or administrator role. */
    static final Set<String> DIRECTORY_READ = union(READERS, ADMINS);

    /** Audit logs, sign-ins, registration reports: Reports Reader, Security Reader, Global Reader or higher. */
    static final Set<String> AUDIT_READ = Set.of(REPORTS_READER, SECURITY_READER, GLOBAL_READER, SECURITY_OPERATOR,
            SECURITY_ADMIN, GLOBAL_ADMIN);

    /** Conditional Access, security defaults, authentication methods policy. */
    static final Set<String> POLICY_READ = Set.of(SECURITY_READER, GLOBAL_READER, SECURITY_OPERATOR, SECURITY_ADMIN,
            CONDITIONAL_ACCESS_ADMIN, AUTHENTICATION_POLICY_ADMIN, PRIVILEGED_ROLE_ADMIN, GLOBAL_ADMIN);

    /** PIM schedules and policies. */
    static final Set<String> PIM_READ = Set.of(GLOBAL_READER, SECURITY_READER, SECURITY_OPERATOR, SECURITY_ADMIN,
            PRIVILEGED_ROLE_ADMIN, GLOBAL_ADMIN);

    /** A user's registered authentication methods. */
    static final Set<String> AUTH_METHODS_READ = Set.of(GLOBAL_READER, SECURITY_READER, AUTHENTICATION_ADMIN,
            PRIVILEGED_AUTH_ADMIN, GLOBAL_ADMIN);

    /** Risky users. */
    static final Set<String> RISK_READ = Set.of(SECURITY_READER, GLOBAL_READER, SECURITY_OPERATOR, SECURITY_ADMIN,
            GLOBAL_ADMIN);

    /**
     * Schedule requests: a self-activation needs no directory role (the user's eligibility is what counts), so the
     * endpoint admits any delegated caller and {@link RoleRequests} checks the role for admin actions.
     */
    static final Set<String> NO_ROLE = Set.of();

    static final Set<String> GROUP_WRITE = Set.of(GROUPS_ADMIN, USER_ADMIN, GLOBAL_ADMIN);
    /** Members of role-assignable groups: only the roles that may grant directory roles. */
    static final Set<String> ROLE_GROUP_WRITE = Set.of(PRIVILEGED_ROLE_ADMIN, GLOBAL_ADMIN);
    static final Set<String> USER_WRITE = Set.of(USER_ADMIN, PRIVILEGED_AUTH_ADMIN, GLOBAL_ADMIN);
    static final Set<String> ROLE_WRITE = Set.of(PRIVILEGED_ROLE_ADMIN, GLOBAL_ADMIN);
    static final Set<String> RISK_WRITE = Set.of(SECURITY_OPERATOR, SECURITY_ADMIN, GLOBAL_ADMIN);
    /** GDAP is managed in the partner's own tenant [MEMORY]. */
    static final Set<String> GDAP_WRITE = Set.of(PRIVILEGED_ROLE_ADMIN, GLOBAL_ADMIN);

    private Roles() {
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }
}
