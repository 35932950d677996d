package io.cspguard.config;

import java.util.List;

/** Settings about the partner's own tenant and its people. */
public record PartnerSettings(List<String> approvedAdminAgents, String leaversFile, List<String> privilegedWorkstations,
                              List<String> accountPatterns, String privilegedAccountPattern,
                              Integer collaborationUsersMax) {

    public static final PartnerSettings DEFAULTS = new PartnerSettings(null, null, null, null, null, null);

    public PartnerSettings {
        approvedAdminAgents = approvedAdminAgents == null ? List.of() : List.copyOf(approvedAdminAgents);
        privilegedWorkstations = privilegedWorkstations == null ? List.of() : List.copyOf(privilegedWorkstations);
        accountPatterns = accountPatterns == null ? List.of() : List.copyOf(accountPatterns);
        collaborationUsersMax = collaborationUsersMax == null ? 0 : collaborationUsersMax;
    }
}
