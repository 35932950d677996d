package io.cspguard.sim.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.world.SimTenant;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A directory role's PIM policy as {@code roleManagementPolicyAssignments.json} holds it (graph-reference.md §7d), and
 * the checks PIM makes of a schedule request against it: enablement rules (justification, ticket), expiration
 * (required, longest duration) and approval. Failed rules are named as PIM names them ({@code JustificationRule},
 * {@code TicketingRule}, {@code ExpirationRule}).
 */
final class PimPolicy {
    static final String POLICIES = "roleManagementPolicyAssignments.json";
    /** Activation length when the policy names none. */
    static final Duration DEFAULT_ACTIVATION = Duration.ofHours(8);

    private PimPolicy() {
    }

    static JsonNode rules(SimTenant tenant, String roleId) {
        for (ObjectNode p : WorldFiles.list(tenant, POLICIES)) {
            if (roleId.equalsIgnoreCase(WorldFiles.text(p, "roleDefinitionId"))) {
                return p.path("policy").path("rules");
            }
        }
        return null;
    }

    static JsonNode rule(JsonNode rules, String id) {
        if (rules == null) {
            return null;
        }
        for (JsonNode r : rules) {
            if (id.equals(r.path("id").asText())) {
                return r;
            }
        }
        return null;
    }

    static Duration maxDuration(JsonNode rules, String id) {
        JsonNode r = rule(rules, id);
        return r == null ? null : duration(r.path("maximumDuration").asText(null));
    }

    static boolean approvalRequired(JsonNode rules) {
        JsonNode r = rule(rules, "Approval_EndUser_Assignment");
        return r != null && r.path("setting").path("isApprovalRequired").asBoolean(false);
    }

    static void checkEnablement(JsonNode rules, String ruleId, String justification, JsonNode ticketInfo,
                                List<String> failed) {
        JsonNode rule = rule(rules, ruleId);
        if (rule == null) {
            return;
        }
        for (JsonNode e : rule.path("enabledRules")) {
            if (e.asText().equals("Justification") && (justification == null || justification.isBlank())) {
                failed.add("JustificationRule");
            }
            if (e.asText().equals("Ticketing") && (ticketInfo == null
                    || ticketInfo.path("ticketNumber").asText("").isBlank())) {
                failed.add("TicketingRule");
            }
        }
    }

    /**
     * The schedule's end: as asked (at most the policy's maximum where expiration is required, else ExpirationRule
     * fails), the maximum when nothing was asked and expiration is required, null for a permanent assignment.
     */
    static Instant end(JsonNode expiration, Instant start, Duration max, List<String> failed,
                               boolean required) {
        String type = expiration == null ? "notSpecified" : expiration.path("type").asText("notSpecified");
        Duration asked = switch (type) {
            case "afterDuration" -> duration(expiration.path("duration").asText(null));
            case "afterDateTime" -> {
                Instant end = instant(expiration.path("endDateTime").asText(null), null);
                yield end == null ? null : Duration.between(start, end);
            }
            default -> null;
        };
        if (asked == null) {
            if (!required) {
                return null;
            }
            if ("noExpiration".equals(type)) {
                failed.add("ExpirationRule");
                return null;
            }
            return start.plus(max == null ? DEFAULT_ACTIVATION : max);
        }
        if (asked.isNegative() || asked.isZero() || (required && max != null && asked.compareTo(max) > 0)) {
            failed.add("ExpirationRule");
            return null;
        }
        return start.plus(asked);
    }

    /** ISO-8601 durations as PIM writes them: {@code PT8H}, {@code P180D}, {@code P1Y}. */
    static Duration duration(String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(iso);
        } catch (DateTimeParseException e) {
            try {
                Period p = Period.parse(iso);
                return Duration.ofDays(p.getYears() * 365L + p.getMonths() * 30L + p.getDays());
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    static Instant instant(String s, Instant fallback) {
        Instant i = Filter.instant(s);
        return i == null ? fallback : i;
    }

}
