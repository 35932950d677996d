package io.cspguard.coverage;

import com.fasterxml.jackson.databind.JsonNode;
import io.cspguard.snapshot.graph.CaPolicy;
import io.cspguard.snapshot.graph.CaPolicy.Applications;
import io.cspguard.snapshot.graph.CaPolicy.Conditions;
import io.cspguard.snapshot.graph.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * What keeps a policy from covering every sign-in of the users it applies to (controls.md, "covers every sign-in").
 * An empty list means the policy covers every sign-in.
 */
final class Narrowing {
    private Narrowing() {
    }

    static List<String> of(CaPolicy policy) {
        List<String> out = new ArrayList<>();
        Conditions c = policy.conditions();
        if (c == null) {
            out.add("it has no conditions");
            return out;
        }
        Applications apps = c.applications();
        if (apps == null || !Text.containsIgnoreCase(apps.includeApplications(), "All")) {
            out.add("it targets only some applications");
        }
        if (apps != null) {
            if (!apps.excludeApplications().isEmpty()) {
                out.add("it excludes applications");
            }
            if (!apps.includeUserActions().isEmpty()) {
                out.add("it targets user actions");
            }
            if (!apps.includeAuthenticationContextClassReferences().isEmpty()) {
                out.add("it targets authentication contexts");
            }
            if (set(apps.applicationFilter())) {
                out.add("it has an application filter");
            }
        }
        if (!c.clientAppTypes().isEmpty() && !Text.containsIgnoreCase(c.clientAppTypes(), "all")) {
            out.add("it targets only some client app types");
        }
        if (set(c.platforms()) && !everything(c.platforms(), "includePlatforms", "excludePlatforms", "all")) {
            out.add("it has a platforms condition");
        }
        if (set(c.locations()) && !everything(c.locations(), "includeLocations", "excludeLocations", "All")) {
            out.add("it has a locations condition");
        }
        if (set(c.devices())) {
            out.add("it has a device filter");
        }
        if (set(c.clientApplications())) {
            out.add("it targets client applications (workload identities)");
        }
        if (!c.signInRiskLevels().isEmpty()) {
            out.add("it applies only at some sign-in risk levels");
        }
        if (!c.userRiskLevels().isEmpty()) {
            out.add("it applies only at some user risk levels");
        }
        if (set(c.insiderRiskLevels())) {
            out.add("it applies only at some insider risk levels");
        }
        if (set(c.authenticationFlows())) {
            out.add("it targets authentication flows");
        }
        return out;
    }

    /** A condition that is present: not null, not an empty object, array or string. */
    static boolean set(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return false;
        }
        if (node.isContainerNode()) {
            if (node.isEmpty()) {
                return false;
            }
            if (node.isObject()) {
                // {"transferMethods": null} or {"deviceFilter": null} still narrows nothing
                for (JsonNode child : node) {
                    if (set(child)) {
                        return true;
                    }
                }
                return false;
            }
            return true;
        }
        return !(node.isTextual() && node.asText().isBlank());
    }

    /**
     * A platforms/locations condition that includes everything and excludes nothing is no narrowing: it is how the
     * portal saves "Any platform" / "Any location". (Literal reading would call it narrowing; see docs/decisions.md.)
     */
    private static boolean everything(JsonNode condition, String include, String exclude, String all) {
        JsonNode inc = condition.get(include);
        JsonNode exc = condition.get(exclude);
        boolean includesAll = inc != null && inc.isArray() && inc.size() == 1 && Text.eq(inc.get(0).asText(), all);
        boolean excludesNone = exc == null || exc.isNull() || (exc.isArray() && exc.isEmpty());
        return includesAll && excludesNone;
    }
}
