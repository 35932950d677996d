package io.cspguard.sim.throttle;

import static io.cspguard.sim.throttle.TestWorlds.fill;
import static io.cspguard.sim.throttle.TestWorlds.obj;
import static io.cspguard.sim.throttle.TestWorlds.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.sim.throttle.CollectionPlan.Read;
import io.cspguard.sim.throttle.CollectionPlan.TenantPlan;
import io.cspguard.sim.world.SimTenant;
import io.cspguard.sim.world.World;
import io.cspguard.snapshot.Licences.Tier;
import io.cspguard.snapshot.ReadError;
import io.cspguard.snapshot.TenantRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-built worlds whose fewest requests and throttle-bound lower limit are worked out by hand below. */
class ThrottleBoundTest {
    private static final String GA = "62e90394-69f5-4237-9190-012177145e10";
    private static final String SECURITY_ADMIN = "194ae4cb-b126-40b2-bd5b-6091b380977d";
    private static final String HELPDESK_ADMIN = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    private static final String REPORTS_READER = "4a5d8f65-41da-4de4-8968-e035b65339cf";

    /**
     * Partner p (P2, 3 users): agent groups gA, gH, gS; GDAP group gG (the active relationship r1's active
     * assignment; r2 is terminated, so its group gX is not read); PIM approver group gO (directory role policy);
     * gH also approves in AdminAgents' PIM policy; p-u0 is Global Administrator; 2,500 sign-ins; two customers in
     * Partner Center.
     */
    private static SimTenant partner() {
        SimTenant p = tenant("p", TenantRole.PARTNER, Tier.P2, 3);
        p.collection("groups.json").addAll(List.of(
                obj("{'id':'gA','displayName':'AdminAgents','securityEnabled':true}"),
                obj("{'id':'gH','displayName':'HelpdeskAgents','securityEnabled':true}"),
                obj("{'id':'gS','displayName':'SalesAgents'}"),
                obj("{'id':'gG','displayName':'GDAP Admins','securityEnabled':true}"),
                obj("{'id':'gO','displayName':'Approvers','securityEnabled':true}"),
                obj("{'id':'gX','displayName':'Old GDAP','securityEnabled':true}")));
        p.collection("groupMembers/gA.json").add(obj("{'@odata.type':'#microsoft.graph.user','id':'p-u0'}"));
        p.collection("groupMembers/gH.json").add(obj("{'@odata.type':'#microsoft.graph.user','id':'p-u1'}"));
        p.collection("groupMembers/gS.json");
        p.collection("groupMembers/gG.json").addAll(List.of(obj("{'@odata.type':'#microsoft.graph.user','id':'p-u0'}"),
                obj("{'@odata.type':'#microsoft.graph.user','id':'p-u2'}")));
        p.collection("groupMembers/gO.json").add(obj("{'@odata.type':'#microsoft.graph.user','id':'p-u1'}"));
        p.collection("delegatedAdminRelationships.json").addAll(List.of(
                obj("{'id':'r1','status':'active','customer':{'tenantId':'c1'}}"),
                obj("{'id':'r2','status':'terminated','customer':{'tenantId':'c3'}}")));
        p.collection("delegatedAdminAccessAssignments/r1.json").add(
                obj("{'id':'a1','status':'active','accessContainer':{'accessContainerId':'gG','accessContainerType':'securityGroup'}}"));
        p.collection("delegatedAdminAccessAssignments/r2.json").add(
                obj("{'id':'a2','status':'active','accessContainer':{'accessContainerId':'gX'}}"));
        p.collection("roleAssignments.json").add(obj("{'id':'ra1','principalId':'p-u0','roleDefinitionId':'" + GA + "'}"));
        p.collection("roleManagementPolicyAssignments.json").add(obj("{'id':'pa1','policy':{'rules':[{"
                + "'@odata.type':'#microsoft.graph.unifiedRoleManagementPolicyApprovalRule','id':'Approval_EndUser_Assignment',"
                + "'setting':{'approvalStages':[{'primaryApprovers':[{'@odata.type':'#microsoft.graph.groupMembers',"
                + "'groupId':'gO'},{'@odata.type':'#microsoft.graph.singleUser','userId':'p-u2'}]}]}}]}}"));
        p.collection("pimGroupPolicyAssignments/gA.json").add(obj("{'id':'pga','policy':{'rules':[{'setting':{"
                + "'approvalStages':[{'escalationApprovers':[{'@odata.type':'#microsoft.graph.groupMembers','groupId':'gH'}]}]}}]}}"));
        fill(p, "signIns.json", 2_500);
        p.collection("partnerCenter/customers.json").addAll(List.of(obj("{'id':'c1'}"), obj("{'id':'c3'}")));
        return p;
    }

    /**
     * Customer c1 (free, 60 users): group g1 holds Security Administrator (members c1-u1, c1-u2 and a service
     * principal), c1-u3 Helpdesk Administrator, c1-u4 Reports Reader (not privileged); sign-ins refused.
     */
    private static SimTenant c1() {
        SimTenant c = tenant("c1", TenantRole.CUSTOMER, Tier.FREE, 60);
        c.collection("groups.json").add(obj("{'id':'g1','displayName':'Admins'}"));
        c.collection("groupMembers/g1.json").addAll(List.of(obj("{'@odata.type':'#microsoft.graph.user','id':'c1-u1'}"),
                obj("{'@odata.type':'#microsoft.graph.user','id':'c1-u2'}"),
                obj("{'@odata.type':'#microsoft.graph.servicePrincipal','id':'sp1'}")));
        c.collection("roleAssignments.json").addAll(List.of(
                obj("{'principalId':'g1','roleDefinitionId':'" + SECURITY_ADMIN + "'}"),
                obj("{'principalId':'c1-u3','roleDefinitionId':'" + HELPDESK_ADMIN + "'}"),
                obj("{'principalId':'c1-u4','roleDefinitionId':'" + REPORTS_READER + "'}")));
        c.readErrors().put("signIns.json", new ReadError(403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant", "P1"));
        return c;
    }

    /** Customer c2 (P1): the partner's app was never consented there. */
    private static SimTenant c2() {
        SimTenant c = new SimTenant("c2", "Unconsented", TenantRole.CUSTOMER, Tier.P1);
        fill(c, "users.json", 20);
        fill(c, "signIns.json", 5_000);
        return c;
    }

    /** Customer c3 (P2, 5 users): 12,000 sign-ins, 2,500 directory audits. */
    private static SimTenant c3() {
        SimTenant c = tenant("c3", TenantRole.CUSTOMER, Tier.P2, 5);
        fill(c, "signIns.json", 12_000);
        fill(c, "directoryAudits.json", 2_500);
        return c;
    }

    @Test
    void fewestRequestsOfAHandBuiltWorld() {
        ThrottleBound bound = ThrottleBound.of(TestWorlds.world(partner(), c1(), c2(), c3()));
        TenantPlan p = bound.plan().tenant("p").orElseThrow();
        // 15 one-read files + delegatedAdminRelationships + r1's assignments + 2 PIM groups × 3 + 5 groups' members
        assertThat(p.requests(Category.DIRECTORY)).isEqualTo(28);
        assertThat(p.directoryResourceUnits()).isEqualTo(28 + 1 + 5 * 3); // subscribedSkus 2 RU, transitiveMembers 4
        // userRegistrationDetails + 3 pages of sign-ins + directoryAudits + p-u0's methods
        assertThat(p.requests(Category.REPORTS)).isEqualTo(6);
        assertThat(p.requests(Category.CONDITIONAL_ACCESS)).isEqualTo(2);
        assertThat(p.requests(Category.PARTNER_CENTER)).isEqualTo(4); // customers, 2 × subscriptions, audit records
        assertThat(files(p, "groupMembers/")).containsExactly("groupMembers/gA.json", "groupMembers/gH.json",
                "groupMembers/gS.json", "groupMembers/gG.json", "groupMembers/gO.json");
        assertThat(files(p, "pimGroup")).containsExactlyInAnyOrder(
                "pimGroupAssignmentSchedules/gA.json", "pimGroupEligibilitySchedules/gA.json",
                "pimGroupPolicyAssignments/gA.json", "pimGroupAssignmentSchedules/gG.json",
                "pimGroupEligibilitySchedules/gG.json", "pimGroupPolicyAssignments/gG.json");
        assertThat(files(p, "delegatedAdminAccessAssignments/")).containsExactly("delegatedAdminAccessAssignments/r1.json");
        assertThat(files(p, "authenticationMethods/")).containsExactly("authenticationMethods/p-u0.json");
        assertThat(p.read("signIns.json").orElseThrow().requests()).isEqualTo(3);

        TenantPlan c1 = bound.plan().tenant("c1").orElseThrow();
        assertThat(c1.size()).isEqualTo(GraphLimits.TenantSize.M);
        assertThat(c1.requests(Category.DIRECTORY)).isEqualTo(16);
        assertThat(c1.directoryResourceUnits()).isEqualTo(20);
        assertThat(c1.requests(Category.REPORTS)).isEqualTo(6); // registration, sign-ins (refused), audits, 3 admins
        assertThat(files(c1, "authenticationMethods/")).containsExactlyInAnyOrder("authenticationMethods/c1-u1.json",
                "authenticationMethods/c1-u2.json", "authenticationMethods/c1-u3.json");
        Read signIns = c1.read("signIns.json").orElseThrow();
        assertThat(signIns.refused()).isTrue();
        assertThat(signIns.requests()).isEqualTo(1);
        assertThat(c1.read("roleEligibilitySchedules.json").orElseThrow().refused()).isTrue(); // no P2

        TenantPlan c2 = bound.plan().tenant("c2").orElseThrow();
        assertThat(c2.reachable()).isFalse();
        assertThat(c2.graphRequests()).isZero();

        TenantPlan c3 = bound.plan().tenant("c3").orElseThrow();
        assertThat(c3.requests(Category.DIRECTORY)).isEqualTo(15);
        assertThat(c3.requests(Category.REPORTS)).isEqualTo(1 + 12 + 3);

        assertThat(bound.minimumGraphRequests()).isEqualTo(36 + 24 + 0 + 33);
        assertThat(bound.partnerCenterRequests()).isEqualTo(4);
        assertThat(bound.minimumRequests()).isEqualTo(97);
    }

    @Test
    void lowerLimitOfAHandBuiltWorld() {
        ThrottleBound bound = ThrottleBound.of(TestWorlds.world(partner(), c1(), c2(), c3()));
        // REPORTS: c3 needs 16 requests: 5 at once, 11 more at one per 2 s = 22 s; across tenants 28 < 122.
        assertThat(bound.lowerLimit()).isEqualTo(Duration.ofSeconds(22));
        assertThat(bound.binding()).isEqualTo(Category.REPORTS);
        ThrottleBound.CategoryBound reports = bound.breakdown().get(Category.REPORTS);
        assertThat(reports.requests()).isEqualTo(28);
        assertThat(reports.slowestTenantId()).isEqualTo("c3");
        assertThat(reports.acrossTenants()).isZero();
        // Conditional Access: 2 requests per tenant, 1 s; directory: far within budget
        assertThat(bound.breakdown().get(Category.CONDITIONAL_ACCESS).limit()).isEqualTo(Duration.ofSeconds(1));
        assertThat(bound.breakdown().get(Category.DIRECTORY).limit()).isZero();
        assertThat(bound.tenants().stream().filter(t -> t.tenantId().equals("p")).findFirst().orElseThrow().reports())
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(bound.lowerLimit(10)).isEqualTo(Duration.ofMillis(2_200));
        assertThat(bound.summary()).contains("22.000 s (REPORTS)").contains("minimum requests 97");
    }

    @Test
    void configuredAndMarkedPrivilegedRolesAddAuthenticationMethodReads() {
        SimTenant c = c1();
        c.collection("roleDefinitions.json").add(obj("{'id':'custom1','templateId':'custom1','isPrivileged':true}"));
        c.collection("roleEligibilitySchedules.json"); // refused anyway (free tenant): names nobody
        c.collection("roleAssignments.json").add(obj("{'principalId':'c1-u5','roleDefinitionId':'custom1'}"));
        World w = TestWorlds.world("privilegedRoles: ['" + REPORTS_READER + "']\n", List.of(partner(), c));
        TenantPlan plan = CollectionPlan.of(w).tenant("c1").orElseThrow();
        assertThat(files(plan, "authenticationMethods/")).containsExactlyInAnyOrder(
                "authenticationMethods/c1-u1.json", "authenticationMethods/c1-u2.json",
                "authenticationMethods/c1-u3.json", "authenticationMethods/c1-u4.json",
                "authenticationMethods/c1-u5.json");
    }

    @Test
    void aRefusedFileNamesNoFurtherReads() {
        SimTenant c = c1();
        c.readErrors().put("roleAssignments.json", new ReadError(403, "Authorization_RequestDenied", "no"));
        TenantPlan plan = CollectionPlan.of(TestWorlds.world(partner(), c)).tenant("c1").orElseThrow();
        assertThat(files(plan, "groupMembers/")).isEmpty();
        assertThat(files(plan, "authenticationMethods/")).isEmpty();
        assertThat(plan.read("roleAssignments.json").orElseThrow().requests()).isEqualTo(1);
    }

    @Test
    void acrossTenantReportsBudgetBindsManySmallTenants() {
        List<SimTenant> tenants = new ArrayList<>();
        tenants.add(tenant("p", TenantRole.PARTNER, Tier.FREE, 0));
        for (int i = 0; i < 100; i++) {
            tenants.add(tenant("c" + i, TenantRole.CUSTOMER, Tier.FREE, 0));
        }
        ThrottleBound bound = ThrottleBound.of(TestWorlds.world("", tenants));
        // each tenant: userRegistrationDetails, sign-ins (refused), directoryAudits = 3 report requests, none waits
        // on its own bucket; together 303: (303 − 122) requests at 12.2 per second
        assertThat(bound.breakdown().get(Category.REPORTS).requests()).isEqualTo(303);
        assertThat(bound.breakdown().get(Category.REPORTS).slowestTenant()).isZero();
        assertThat(bound.lowerLimit()).isEqualTo(Duration.ofNanos(14_836_065_574L));
        assertThat(bound.binding()).isEqualTo(Category.REPORTS);
        // partner: 15 + delegatedAdminRelationships directory, 3 reports, 2 CA; customers 15 + 3 + 2
        assertThat(bound.minimumGraphRequests()).isEqualTo(21 + 100 * 20);
        assertThat(bound.partnerCenterRequests()).isEqualTo(2);
    }

    @Test
    void aTenantsOwnDirectoryBudgetCanBind() {
        SimTenant c = tenant("c", TenantRole.CUSTOMER, Tier.P1, 10);
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            c.collection("groups.json").add(obj("{'id':'g" + i + "'}"));
            ids.append(i == 0 ? "" : ",").append("'g").append(i).append("'");
        }
        c.collection("conditionalAccessPolicies.json").add(obj("{'id':'ca1','conditions':{'users':{'includeGroups':["
                + ids + "]}}}"));
        ThrottleBound bound = ThrottleBound.of(TestWorlds.world(tenant("p", TenantRole.PARTNER, Tier.FREE, 0), c));
        TenantPlan plan = bound.plan().tenant("c").orElseThrow();
        assertThat(plan.read("groups.json").orElseThrow().requests()).isEqualTo(2);
        assertThat(files(plan, "groupMembers/")).hasSize(1_000);
        // 16 requests of 1 RU (groups in 2 pages), subscribedSkus +1, 1,000 × transitiveMembers at 4 RU
        assertThat(plan.directoryResourceUnits()).isEqualTo(4_017);
        // size S: 3,500 at once, 517 more at 350 RU/s
        assertThat(bound.lowerLimit()).isEqualTo(Duration.ofNanos(1_477_142_858L));
        assertThat(bound.binding()).isEqualTo(Category.DIRECTORY);
    }

    @Test
    void boundFormula() {
        assertThat(ThrottleBound.time(5, 5, Duration.ofSeconds(10))).isZero();
        assertThat(ThrottleBound.time(6, 5, Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(2));
        assertThat(ThrottleBound.time(244, 122, Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
        assertThat(ThrottleBound.time(300_000, 150_000, Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(20));
    }

    private static List<String> files(TenantPlan plan, String prefix) {
        return plan.reads().stream().map(Read::file).filter(f -> f.startsWith(prefix)).toList();
    }
}
