package io.cspguard.controls;

import java.util.Map;
import java.util.Set;

/** Role template ids the catalog names. */
public final class Roles {
    private Roles() {
    }

    public static final String GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10";
    public static final String PRIVILEGED_ROLE_ADMINISTRATOR = "e8611ab8-c189-46e8-94e1-60213ab1f814";
    public static final String PRIVILEGED_AUTHENTICATION_ADMINISTRATOR = "7be44c8a-adaf-4e2a-84d6-ab2649e08a13";

    /** The built-in privileged roles of controls.md, by template id, with their names. */
    public static final Map<String, String> PRIVILEGED = Map.ofEntries(
            Map.entry(GLOBAL_ADMINISTRATOR, "Global Administrator"),
            Map.entry(PRIVILEGED_ROLE_ADMINISTRATOR, "Privileged Role Administrator"),
            Map.entry(PRIVILEGED_AUTHENTICATION_ADMINISTRATOR, "Privileged Authentication Administrator"),
            Map.entry("194ae4cb-b126-40b2-bd5b-6091b380977d", "Security Administrator"),
            Map.entry("fe930be7-5e62-47db-91af-98c3a49a38b1", "User Administrator"),
            Map.entry("29232cdf-9323-42fd-ade2-1d097af3e4de", "Exchange Administrator"),
            Map.entry("f28a1f50-f6e7-4571-818b-6a12f2af6b6c", "SharePoint Administrator"),
            Map.entry("8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2", "Hybrid Identity Administrator"),
            Map.entry("9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", "Application Administrator"),
            Map.entry("158c047a-c907-4556-b7ef-446551a6b5f7", "Cloud Application Administrator"),
            Map.entry("b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", "Conditional Access Administrator"),
            Map.entry("c4e39bd9-1100-46d3-8c65-fb160da0071f", "Authentication Administrator"),
            Map.entry("3a2c62db-5318-420d-8d74-23affee5d9d5", "Intune Administrator"),
            Map.entry("b0f54661-2d74-4c50-afa3-1ec803f12efe", "Billing Administrator"),
            Map.entry("729827e3-9c14-49f7-bb1b-9608f156bbb8", "Helpdesk Administrator"),
            Map.entry("4ba39ca4-527c-499a-b93d-d9b492c50246", "Partner Tier1 Support"),
            Map.entry("e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8", "Partner Tier2 Support"));

    /** Roles that can make themselves Global Administrator: never granted through GDAP (CSP.PRIV.8). */
    public static final Set<String> CAN_BECOME_GLOBAL_ADMIN = Set.of(GLOBAL_ADMINISTRATOR,
            PRIVILEGED_ROLE_ADMINISTRATOR, PRIVILEGED_AUTHENTICATION_ADMINISTRATOR);

    /** Azure RBAC roles that give write access (CSP.MFA.5). */
    public static final Map<String, String> AZURE_WRITE = Map.of(
            "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner",
            "b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor",
            "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User Access Administrator");

    /** The Partner Center API's application id. */
    public static final String PARTNER_CENTER_APP = "fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd";

    /** Azure AD Graph, retired. */
    public static final String AZURE_AD_GRAPH_APP = "00000002-0000-0000-c000-000000000000";
}
