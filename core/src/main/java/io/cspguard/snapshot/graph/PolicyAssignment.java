package io.cspguard.snapshot.graph;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /policies/roleManagementPolicyAssignments?…&$expand=policy($expand=rules)}: the PIM policy of a
 * directory role ({@code roleDefinitionId} a role template id) or of a group ({@code member} / {@code owner}).
 */
public record PolicyAssignment(String id, String policyId, String scopeId, String scopeType, String roleDefinitionId,
                               Policy policy) {

    public record Policy(String id, String displayName, List<Rule> rules) {
        public Policy {
            rules = Text.list(rules);
        }
    }

    public Optional<Rule> rule(String ruleId) {
        if (policy == null) {
            return Optional.empty();
        }
        return policy.rules().stream().filter(r -> Text.eq(r.id(), ruleId)).findFirst();
    }

    /** One rule; which properties are set depends on {@code @odata.type}. */
    public record Rule(@JsonProperty("@odata.type") String odataType, String id,
                       @JsonProperty("isExpirationRequired") Boolean isExpirationRequired, String maximumDuration,
                       List<String> enabledRules, ApprovalSetting setting) {
        public Rule {
            enabledRules = Text.list(enabledRules);
        }
    }

    public record ApprovalSetting(@JsonProperty("isApprovalRequired") Boolean isApprovalRequired,
                                  String approvalMode, List<ApprovalStage> approvalStages) {
        public ApprovalSetting {
            approvalStages = Text.list(approvalStages);
        }
    }

    public record ApprovalStage(List<SubjectSet> primaryApprovers) {
        public ApprovalStage {
            primaryApprovers = Text.list(primaryApprovers);
        }
    }

    /** {@code #microsoft.graph.singleUser} (userId) or {@code #microsoft.graph.groupMembers} (groupId), among others. */
    public record SubjectSet(@JsonProperty("@odata.type") String odataType, String userId, String groupId,
                             String description) {
        public boolean isSingleUser() {
            return Text.eq(odataType, "#microsoft.graph.singleUser");
        }

        public boolean isGroupMembers() {
            return Text.eq(odataType, "#microsoft.graph.groupMembers");
        }
    }
}
