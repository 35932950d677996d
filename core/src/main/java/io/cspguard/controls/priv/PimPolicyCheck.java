package io.cspguard.controls.priv;

import io.cspguard.controls.TenantView;
import io.cspguard.snapshot.Data;
import io.cspguard.snapshot.graph.PolicyAssignment;
import io.cspguard.snapshot.graph.PolicyAssignment.ApprovalStage;
import io.cspguard.snapshot.graph.PolicyAssignment.Rule;
import io.cspguard.snapshot.graph.PolicyAssignment.SubjectSet;
import io.cspguard.snapshot.graph.Text;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The dual-custody rules of a PIM policy, shared by CSP.PRIV.7 (directory roles) and CSP.PRIV.10 (PIM for Groups):
 * approval required with at least two distinct approving users in a stage, MFA and justification on activation,
 * and activation no longer than {@code maxActivationHours}.
 */
final class PimPolicyCheck {
    /** A rule the policy misses: a short key (part of the finding id) and one sentence. */
    record Gap(String rule, String detail) {
    }

    record Result(List<Gap> gaps, Set<String> unknowns) {
    }

    private PimPolicyCheck() {
    }

    static Result check(PolicyAssignment assignment, TenantView t) {
        List<Gap> gaps = new ArrayList<>();
        Set<String> unknowns = new LinkedHashSet<>();
        approval(assignment.rule("Approval_EndUser_Assignment"), t, gaps, unknowns);
        enablement(assignment.rule("Enablement_EndUser_Assignment"), gaps);
        expiration(assignment.rule("Expiration_EndUser_Assignment"), t.config().thresholds().maxActivationHours(), gaps);
        return new Result(gaps, unknowns);
    }

    private static void approval(Optional<Rule> rule, TenantView t, List<Gap> gaps, Set<String> unknowns) {
        if (rule.isEmpty() || rule.get().setting() == null
                || !Boolean.TRUE.equals(rule.get().setting().isApprovalRequired())) {
            gaps.add(new Gap("approval-not-required", "activation does not require approval "
                    + "(Approval_EndUser_Assignment setting.isApprovalRequired is not true)"));
            return;
        }
        int best = 0;
        boolean undecided = false;
        for (ApprovalStage stage : rule.get().setting().approvalStages()) {
            Set<String> users = new LinkedHashSet<>();
            for (SubjectSet s : stage.primaryApprovers()) {
                if (s.isSingleUser() && s.userId() != null) {
                    users.add(s.userId().toLowerCase(Locale.ROOT));
                } else if (s.isGroupMembers() && s.groupId() != null) {
                    Data<List<io.cspguard.snapshot.graph.User>> members = t.memberUsers(s.groupId());
                    if (members instanceof Data.Missing<List<io.cspguard.snapshot.graph.User>> m) {
                        unknowns.add(m.reason());
                        undecided = true;
                    } else {
                        members.orNull().forEach(u -> users.add(u.id().toLowerCase(Locale.ROOT)));
                    }
                }
            }
            best = Math.max(best, users.size());
        }
        if (best < 2 && !undecided) {
            gaps.add(new Gap("fewer-than-two-approvers", "no approval stage has at least two distinct approving users "
                    + "(the most in one stage: " + best + ")"));
        } else if (best >= 2) {
            unknowns.clear();
        }
    }

    private static void enablement(Optional<Rule> rule, List<Gap> gaps) {
        List<String> enabled = rule.map(Rule::enabledRules).orElse(List.of());
        if (!Text.containsIgnoreCase(enabled, "MultiFactorAuthentication")) {
            gaps.add(new Gap("activation-without-mfa", "activation does not require MFA "
                    + "(Enablement_EndUser_Assignment enabledRules lacks MultiFactorAuthentication)"));
        }
        if (!Text.containsIgnoreCase(enabled, "Justification")) {
            gaps.add(new Gap("activation-without-justification", "activation does not require a justification "
                    + "(Enablement_EndUser_Assignment enabledRules lacks Justification)"));
        }
    }

    private static void expiration(Optional<Rule> rule, int maxHours, List<Gap> gaps) {
        String max = rule.map(Rule::maximumDuration).orElse(null);
        Duration limit = Duration.ofHours(maxHours);
        if (max == null) {
            gaps.add(new Gap("activation-too-long", "activation has no maximum duration "
                    + "(Expiration_EndUser_Assignment maximumDuration is not set); allowed at most " + maxHours + "h"));
            return;
        }
        try {
            Duration d = Duration.parse(max);
            if (d.compareTo(limit) > 0) {
                gaps.add(new Gap("activation-too-long", "activation may last " + max + ", more than the allowed "
                        + maxHours + "h"));
            }
        } catch (DateTimeParseException e) {
            gaps.add(new Gap("activation-too-long", "activation may last " + max
                    + " (not a duration in days or hours), more than the allowed " + maxHours + "h"));
        }
    }
}
