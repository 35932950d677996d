package io.cspguard.sim.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.throttle.PageSizes;

/**
 * Entra directory roles (graph-reference.md §7a–7c): role definitions, assignments, PIM assignment and eligibility
 * schedules, and the schedule requests that assign, activate, remove and deactivate ({@link RoleRequests}).
 * Unpaged in practice: their default page is the largest.
 */
final class RoleEndpoints {
    static final Permission DEFINITIONS = Permission.of(Roles.DIRECTORY_READ, "RoleManagement.Read.Directory",
            "RoleManagement.Read.All", "Directory.Read.All", "RoleManagement.ReadWrite.Directory",
            "Directory.ReadWrite.All");
    static final Permission ASSIGNMENTS = DEFINITIONS;
    static final Permission ASSIGNMENT_SCHEDULES = Permission.of(Roles.PIM_READ,
            "RoleAssignmentSchedule.Read.Directory", "RoleManagement.Read.Directory", "RoleManagement.Read.All",
            "RoleAssignmentSchedule.ReadWrite.Directory", "RoleManagement.ReadWrite.Directory");
    static final Permission ELIGIBILITY_SCHEDULES = Permission.of(Roles.PIM_READ,
            "RoleEligibilitySchedule.Read.Directory", "RoleManagement.Read.Directory", "RoleManagement.Read.All",
            "RoleEligibilitySchedule.ReadWrite.Directory", "RoleManagement.ReadWrite.Directory");
    /** Self-activation needs only the write permission; the role checks are the request's own (see RoleRequests). */
    static final Permission REQUESTS = Permission.of(Roles.NO_ROLE,
            "RoleAssignmentSchedule.ReadWrite.Directory", "RoleManagement.ReadWrite.Directory");
    static final Permission DELETE_ASSIGNMENT = Permission.of(Roles.ROLE_WRITE, "RoleManagement.ReadWrite.Directory");

    private RoleEndpoints() {
    }

    static void register(Router r) {
        collection(r, "/roleManagement/directory/roleDefinitions", DEFINITIONS, Licence.NONE, "roleDefinitions.json");
        single(r, "/roleManagement/directory/roleDefinitions/{id}", DEFINITIONS, "roleDefinitions.json",
                "roleManagement/directory/roleDefinitions");
        collection(r, "/roleManagement/directory/roleAssignments", ASSIGNMENTS, Licence.NONE, "roleAssignments.json");
        single(r, "/roleManagement/directory/roleAssignments/{id}", ASSIGNMENTS, "roleAssignments.json",
                "roleManagement/directory/roleAssignments");
        collection(r, "/roleManagement/directory/roleAssignmentSchedules", ASSIGNMENT_SCHEDULES, Licence.P2_PIM,
                "roleAssignmentSchedules.json");
        collection(r, "/roleManagement/directory/roleEligibilitySchedules", ELIGIBILITY_SCHEDULES, Licence.P2_PIM,
                "roleEligibilitySchedules.json");
        RoleRequests requests = new RoleRequests();
        r.add(Endpoint.write("POST", "/roleManagement/directory/roleAssignmentScheduleRequests", REQUESTS,
                Licence.P2_PIM, requests::create));
        r.add(Endpoint.read("/roleManagement/directory/roleAssignmentScheduleRequests/{id}", ASSIGNMENT_SCHEDULES,
                Licence.P2_PIM, null, requests::get));
        r.add(Endpoint.write("DELETE", "/roleManagement/directory/roleAssignments/{id}", DELETE_ASSIGNMENT,
                Licence.NONE, requests::deleteAssignment));
    }

    private static void collection(Router r, String path, Permission p, Licence licence, String file) {
        String context = path.substring(1);
        r.add(Endpoint.read(path, p, licence, c -> file, c -> Pages.collection(c, file, context,
                Pages.Size.of(PageSizes.DIRECTORY, PageSizes.DIRECTORY), Projection.select(c.query().select()))));
    }

    private static void single(Router r, String path, Permission p, String file, String context) {
        r.add(Endpoint.read(path, p, Licence.NONE, c -> file, c -> {
            ObjectNode o = c.tenant().read(() -> WorldFiles.byId(c.tenant().tenant, file, c.param("id")));
            return o == null ? c.notFound(c.param("id")) : Pages.object(c, o, context,
                    Projection.select(c.query().select()));
        }));
    }
}
