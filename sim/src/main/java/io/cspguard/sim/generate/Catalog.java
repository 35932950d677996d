package io.cspguard.sim.generate;

import java.util.List;
import java.util.Map;

/** Microsoft's fixed ids the generator uses: directory roles, SKUs and service plans, first-party apps. */
final class Catalog {
    private Catalog() {
    }

    record Role(String id, String name, boolean privileged) {
    }

    static final String GA = "62e90394-69f5-4237-9190-012177145e10";
    static final String PRA = "e8611ab8-c189-46e8-94e1-60213ab1f814";
    static final String PAA = "7be44c8a-adaf-4e2a-84d6-ab2649e08a13";
    static final String SECURITY_ADMIN = "194ae4cb-b126-40b2-bd5b-6091b380977d";
    static final String USER_ADMIN = "fe930be7-5e62-47db-91af-98c3a49a38b1";
    static final String EXCHANGE_ADMIN = "29232cdf-9323-42fd-ade2-1d097af3e4de";
    static final String SHAREPOINT_ADMIN = "f28a1f50-f6e7-4571-818b-6a12f2af6b6c";
    static final String APPLICATION_ADMIN = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3";
    static final String CLOUD_APP_ADMIN = "158c047a-c907-4556-b7ef-446551a6b5f7";
    static final String INTUNE_ADMIN = "3a2c62db-5318-420d-8d74-23affee5d9d5";
    static final String BILLING_ADMIN = "b0f54661-2d74-4c50-afa3-1ec803f12efe";
    static final String HELPDESK_ADMIN = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    static final String GLOBAL_READER = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
    static final String SECURITY_READER = "5d6b6bb7-de71-4623-b4af-96380a352509";
    static final String DIRECTORY_READERS = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b";
    static final String REPORTS_READER = "4a5d8f65-41da-4de4-8968-e035b65339cf";
    static final String LICENSE_ADMIN = "4d6ac14f-3453-41d0-bef9-a3e0c569773a";

    /** roleDefinitions.json: the built-in privileged roles of controls.md, and some that are not. */
    static final List<Role> ROLES = List.of(
            new Role(GA, "Global Administrator", true),
            new Role(PRA, "Privileged Role Administrator", true),
            new Role(PAA, "Privileged Authentication Administrator", true),
            new Role(SECURITY_ADMIN, "Security Administrator", true),
            new Role(USER_ADMIN, "User Administrator", true),
            new Role(EXCHANGE_ADMIN, "Exchange Administrator", true),
            new Role(SHAREPOINT_ADMIN, "SharePoint Administrator", true),
            new Role("8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2", "Hybrid Identity Administrator", true),
            new Role(APPLICATION_ADMIN, "Application Administrator", true),
            new Role(CLOUD_APP_ADMIN, "Cloud Application Administrator", true),
            new Role("b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", "Conditional Access Administrator", true),
            new Role("c4e39bd9-1100-46d3-8c65-fb160da0071f", "Authentication Administrator", true),
            new Role(INTUNE_ADMIN, "Intune Administrator", true),
            new Role(BILLING_ADMIN, "Billing Administrator", true),
            new Role(HELPDESK_ADMIN, "Helpdesk Administrator", true),
            new Role("4ba39ca4-527c-499a-b93d-d9b492c50246", "Partner Tier1 Support", true),
            new Role("e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8", "Partner Tier2 Support", true),
            new Role("966707d0-3269-4727-9be2-8c3a10f19b9d", "Password Administrator", true),
            new Role(GLOBAL_READER, "Global Reader", false),
            new Role(SECURITY_READER, "Security Reader", false),
            new Role(DIRECTORY_READERS, "Directory Readers", false),
            new Role(REPORTS_READER, "Reports Reader", false),
            new Role("790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b", "Message Center Reader", false),
            new Role(LICENSE_ADMIN, "License Administrator", false),
            new Role("69091246-20e8-4a56-aa4d-066075b2a7a8", "Teams Administrator", false),
            new Role("fdd7a751-b60b-444a-984c-02652fe8fa1c", "Groups Administrator", false),
            new Role("95e79109-95c0-4d8e-aee3-d01accf2d47b", "Guest Inviter", false));

    /** The privileged roles (template ids) a Conditional Access policy for admins names. */
    static final List<String> PRIVILEGED_ROLE_IDS = ROLES.stream().filter(Role::privileged).map(Role::id).toList();

    static String roleName(String id) {
        return ROLES.stream().filter(r -> r.id().equals(id)).map(Role::name).findFirst().orElse(id);
    }

    /** A service plan: its id, name and the {@code service} that users' {@code assignedPlans} name. */
    record Plan(String id, String name, String service) {
        boolean collaboration() {
            return List.of("exchange", "SharePoint", "TeamspaceAPI", "MicrosoftCommunicationsOnline").contains(service);
        }
    }

    static final Plan EXCHANGE_ENTERPRISE =
            new Plan("efb87545-963c-4e0d-99df-69c6916d9eb0", "EXCHANGE_S_ENTERPRISE", "exchange");
    static final Plan EXCHANGE_STANDARD =
            new Plan("9aaf7827-d63c-4b61-89c3-182f06f82e5c", "EXCHANGE_S_STANDARD", "exchange");
    static final Plan SHAREPOINT_ENTERPRISE =
            new Plan("5dbe027f-2339-4123-9542-606e4d348a72", "SHAREPOINTENTERPRISE", "SharePoint");
    static final Plan SHAREPOINT_STANDARD =
            new Plan("c7699d2e-19aa-44de-8edf-1736da088ca1", "SHAREPOINTSTANDARD", "SharePoint");
    static final Plan TEAMS = new Plan("57ff2da0-773e-42df-b2af-ffb7a2317929", "TEAMS1", "TeamspaceAPI");
    static final Plan SKYPE =
            new Plan("0feaeb32-d00e-4d66-bd5a-43b5b83db82c", "MCOSTANDARD", "MicrosoftCommunicationsOnline");
    static final Plan AAD_P1 = new Plan("41781fb2-bc02-4b7c-bd55-b576c07bb09d", "AAD_PREMIUM", "AADPremiumService");
    static final Plan AAD_P2 = new Plan("eec0eb4f-6444-4f95-aba0-50c24d67f998", "AAD_PREMIUM_P2", "AADPremiumService");
    static final Plan MFA = new Plan("8a256a2b-b617-496d-b51b-e76466e88db0", "MFA_PREMIUM", "MultiFactorService");
    static final Plan INTUNE = new Plan("c1ec4a95-1f05-45b3-a911-aa3fa01094f5", "INTUNE_A", "SCO");
    static final Plan CLOUD_APP_DISCOVERY =
            new Plan("932ad362-64a8-4783-9106-97849a1a30b9", "ADALLOM_S_DISCOVERY", "Adallom");

    /** A SKU and the Partner Center offer it is sold as. */
    record Sku(String id, String partNumber, String offerId, String offerName, List<Plan> plans) {
        boolean collaboration() {
            return plans.stream().anyMatch(Plan::collaboration);
        }
    }

    static final Sku BUSINESS_BASIC = new Sku("3b555118-da6a-4418-894f-7df1e2096870", "O365_BUSINESS_ESSENTIALS",
            "CFQ7TTC0LH18:0001", "Microsoft 365 Business Basic",
            List.of(EXCHANGE_STANDARD, SHAREPOINT_STANDARD, TEAMS, SKYPE));
    static final Sku BUSINESS_STANDARD = new Sku("f245ecc8-75af-4f8e-b61f-27d8114de5f3", "O365_BUSINESS_PREMIUM",
            "CFQ7TTC0LDPB:0001", "Microsoft 365 Business Standard",
            List.of(EXCHANGE_STANDARD, SHAREPOINT_STANDARD, TEAMS, SKYPE));
    static final Sku BUSINESS_PREMIUM = new Sku("cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46", "SPB",
            "CFQ7TTC0LCHC:0002", "Microsoft 365 Business Premium",
            List.of(EXCHANGE_STANDARD, SHAREPOINT_STANDARD, TEAMS, SKYPE, AAD_P1, MFA, INTUNE));
    static final Sku E3 = new Sku("05e9a617-0261-4cee-bb44-138d3ef5d965", "SPE_E3", "CFQ7TTC0LFLX:0001",
            "Microsoft 365 E3", List.of(EXCHANGE_ENTERPRISE, SHAREPOINT_ENTERPRISE, TEAMS, SKYPE, AAD_P1, MFA, INTUNE));
    static final Sku E5 = new Sku("06ebc4ee-1bb5-47dd-8120-11324bc54e06", "SPE_E5", "CFQ7TTC0LFLZ:0002",
            "Microsoft 365 E5", List.of(EXCHANGE_ENTERPRISE, SHAREPOINT_ENTERPRISE, TEAMS, SKYPE, AAD_P1, AAD_P2, MFA,
            INTUNE));
    static final Sku ENTRA_P1 = new Sku("078d2b04-f1bd-4111-bbd4-b4b1b354cef4", "AAD_PREMIUM", "CFQ7TTC0LH8G:0001",
            "Microsoft Entra ID P1", List.of(AAD_P1, MFA));
    static final Sku ENTRA_P2 = new Sku("84a661c4-e949-4bd2-a560-ed7766fcaf2b", "AAD_PREMIUM_P2", "CFQ7TTC0LH8K:0001",
            "Microsoft Entra ID P2", List.of(AAD_P1, AAD_P2, MFA, CLOUD_APP_DISCOVERY));

    /** First-party apps: sign-in client apps and resources. */
    record App(String appId, String name) {
    }

    static final App GRAPH = new App("00000003-0000-0000-c000-000000000000", "Microsoft Graph");
    static final App AAD_GRAPH = new App("00000002-0000-0000-c000-000000000000", "Windows Azure Active Directory");
    static final App EXCHANGE = new App("00000002-0000-0ff1-ce00-000000000000", "Office 365 Exchange Online");
    static final App SHAREPOINT = new App("00000003-0000-0ff1-ce00-000000000000", "Office 365 SharePoint Online");
    static final App AZURE_PORTAL = new App("c44b4083-3bb0-49c1-b47d-974e53cbdf3c", "Azure Portal");
    static final App AZURE_MANAGEMENT = new App("797f4846-ba00-4fd7-ba43-dac1f8f63013",
            "Windows Azure Service Management API");
    static final App TEAMS_APP = new App("1fec8e78-bce4-4aaf-ab1b-5451cc387264", "Microsoft Teams");
    static final App OFFICE = new App("d3590ed6-52b3-4102-aeff-aad2292ab01c", "Microsoft Office");
    static final App OFFICE_PORTAL = new App("00000006-0000-0ff1-ce00-000000000000", "Microsoft Office 365 Portal");
    static final App OUTLOOK_MOBILE = new App("27922004-5251-4030-b22d-91ecd9a37ea4", "Outlook Mobile");
    static final App ONEDRIVE = new App("ab9b8c07-8f02-4f72-87fa-80105867a763", "OneDrive SyncEngine");
    static final App PARTNER_CENTER = new App("fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd", "Microsoft Partner Center");

    static final String MICROSOFT_TENANT = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";

    /** Client app → the resource it signs in to. */
    static final Map<App, App> RESOURCE_OF = Map.ofEntries(
            Map.entry(TEAMS_APP, GRAPH), Map.entry(OFFICE, EXCHANGE), Map.entry(OFFICE_PORTAL, OFFICE_PORTAL),
            Map.entry(OUTLOOK_MOBILE, EXCHANGE), Map.entry(ONEDRIVE, SHAREPOINT), Map.entry(AZURE_PORTAL,
                    AZURE_MANAGEMENT), Map.entry(PARTNER_CENTER, PARTNER_CENTER),
            Map.entry(SHAREPOINT, SHAREPOINT), Map.entry(EXCHANGE, EXCHANGE));

    static final List<App> STAFF_APPS = List.of(TEAMS_APP, OFFICE, OFFICE_PORTAL, OUTLOOK_MOBILE, ONEDRIVE, SHAREPOINT);
    static final List<App> ADMIN_APPS = List.of(AZURE_PORTAL, OFFICE_PORTAL);

    /** Microsoft Graph application permissions (appRole ids) a line-of-business app asks for. */
    static final List<String> GRAPH_APP_ROLES = List.of("df021288-bdef-4463-88db-98f22de89214" /* User.Read.All */,
            "7ab1d382-f21e-4acd-a863-ba3e13f7da61" /* Directory.Read.All */,
            "5b567255-7703-4780-807c-7be8301ae99b" /* Group.Read.All */,
            "b0afded3-3588-46d8-8b3d-9842eff778da" /* AuditLog.Read.All */);
    static final String GRAPH_USER_READ = "e1fe6dd8-ba31-4d61-89e7-88639da4683d";
    static final String AAD_GRAPH_DIRECTORY_READ = "5778995a-e1bf-45b8-affa-663a9f3f4d04";
    static final String AAD_GRAPH_USER_READ = "311a71cc-e848-46a1-bdf8-97ff7156d8e6";
    static final String PARTNER_CENTER_USER_IMPERSONATION = "1cebfa2a-fb4d-419e-b5f9-839b4383e05a";

    /** Built-in authentication strengths. */
    static final String STRENGTH_MFA = "00000000-0000-0000-0000-000000000002";
    static final String STRENGTH_PHISHING_RESISTANT = "00000000-0000-0000-0000-000000000004";
    static final List<String> MFA_COMBINATIONS = List.of("windowsHelloForBusiness", "fido2",
            "x509CertificateMultiFactor", "deviceBasedPush", "temporaryAccessPassOneTime",
            "temporaryAccessPassMultiUse", "password,microsoftAuthenticatorPush", "password,softwareOath",
            "password,hardwareOath", "password,x509CertificateSingleFactor", "password,x509CertificateMultiFactor",
            "password,sms", "password,voice", "federatedMultiFactor",
            "microsoftAuthenticatorPush,federatedSingleFactor",
            "softwareOath,federatedSingleFactor", "hardwareOath,federatedSingleFactor", "sms,federatedSingleFactor",
            "voice,federatedSingleFactor");
    static final List<String> PHISHING_RESISTANT_COMBINATIONS = List.of("windowsHelloForBusiness", "fido2",
            "x509CertificateMultiFactor");

    /** The application permissions the partner's app is granted where it was consented. */
    static final List<String> APP_PERMISSIONS = List.of("Application.Read.All", "AuditLog.Read.All",
            "Device.Read.All", "Directory.Read.All", "IdentityRiskyUser.Read.All", "Organization.Read.All",
            "Policy.Read.All", "PrivilegedAccess.Read.AzureADGroup", "PrivilegedAssignmentSchedule.Read.AzureADGroup",
            "PrivilegedEligibilitySchedule.Read.AzureADGroup", "Reports.Read.All",
            "RoleAssignmentSchedule.Read.Directory",
            "RoleEligibilitySchedule.Read.Directory", "RoleManagement.Read.Directory",
            "RoleManagementPolicy.Read.AzureADGroup", "RoleManagementPolicy.Read.Directory",
            "UserAuthenticationMethod.Read.All");
    static final String GDAP_PERMISSION = "DelegatedAdminRelationship.Read.All";

    /**
     * What the governed workflows write (leaver removal, just-in-time elevation, risky users, GDAP clean-up):
     * consented beside the reads, as a partner that runs those workflows does.
     */
    static final List<String> APP_WRITE_PERMISSIONS = List.of("DeviceManagementManagedDevices.Read.All",
            "GroupMember.ReadWrite.All", "IdentityRiskyUser.ReadWrite.All", "RoleAssignmentSchedule.ReadWrite.Directory",
            "RoleManagement.ReadWrite.Directory", "User.ReadWrite.All");
}
