package io.cspguard.controls.mfa;

import com.fasterxml.jackson.databind.JsonNode;
import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.Scope;
import io.cspguard.controls.TenantView;
import io.cspguard.coverage.Coverage;
import io.cspguard.coverage.Requirement;
import io.cspguard.coverage.Tri;
import io.cspguard.result.Level;
import io.cspguard.snapshot.Data;
import io.cspguard.snapshot.graph.AuthenticationMethodsPolicy;
import io.cspguard.snapshot.graph.AuthenticationMethodsPolicy.MethodConfiguration;
import io.cspguard.snapshot.graph.Text;
import io.cspguard.snapshot.graph.User;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CSP.MFA.3 — the MFA users meet is phishing-resistant: either every enabled user (break-glass aside) is covered by
 * a phishing-resistant requirement, or no phishable second factor is left on (SMS and voice off, Authenticator
 * number matching not turned off).
 */
public final class Mfa3PhishingResistantMfa implements Control {
    private static final ControlInfo INFO = new ControlInfo("CSP.MFA.3", Level.SHALL, Scope.ALL, LicenceRequirement.NONE,
            "The MFA that users meet is phishing-resistant",
            "Use phishing-resistant MFA: Microsoft Authenticator with number matching, FIDO2 keys, Windows Hello.",
            "SMS and voice codes are intercepted and relayed; push without number matching invites MFA fatigue.",
            "Require the 'Phishing-resistant MFA' authentication strength for all users, or turn off the SMS and "
                    + "Voice methods and keep Authenticator number matching on (Authentication methods policy).",
            List.of("users.json", "conditionalAccessPolicies.json", "authenticationMethodsPolicy.json"), null);

    @Override
    public ControlInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(TenantView t) {
        Outcome out = new Outcome();
        Set<String> unknowns = new LinkedHashSet<>();
        Tri everyoneCovered = everyoneCovered(t, unknowns);
        List<String[]> phishable = new ArrayList<>();
        Tri noPhishableMethod = noPhishableMethod(t.snapshot().authenticationMethodsPolicy(), phishable, unknowns);
        Tri passes = everyoneCovered.or(noPhishableMethod);
        if (passes == Tri.TRUE) {
            return out.summary(everyoneCovered == Tri.TRUE
                    ? "every enabled user is covered by a phishing-resistant MFA requirement"
                    : "no phishable second factor is left on");
        }
        if (passes == Tri.UNKNOWN) {
            unknowns.forEach(out::unknown);
            return out;
        }
        for (String[] m : phishable) {
            out.finding("method", m[0], m[1], "phishable-method-on", m[2]);
        }
        return out.summary(phishable.size() + " phishable method(s) left on, and not every user is covered by a "
                + "phishing-resistant MFA requirement");
    }

    private static Tri everyoneCovered(TenantView t, Set<String> unknowns) {
        if (t.users() instanceof Data.Missing<List<User>> m) {
            unknowns.add(m.reason());
            return Tri.UNKNOWN;
        }
        Tri all = Tri.TRUE;
        for (User u : t.users().orNull()) {
            if (!u.enabled() || t.isBreakGlass(u)) {
                continue;
            }
            Coverage c = t.coverage().coverage(u, Requirement.PHISHING_RESISTANT_MFA);
            all = all.and(c.covered());
            unknowns.addAll(c.unknowns());
            if (all == Tri.FALSE) {
                return all;
            }
        }
        return all;
    }

    private static Tri noPhishableMethod(Data<AuthenticationMethodsPolicy> policy, List<String[]> phishable,
                                         Set<String> unknowns) {
        if (policy instanceof Data.Missing<AuthenticationMethodsPolicy> m) {
            unknowns.add(m.reason());
            return Tri.UNKNOWN;
        }
        AuthenticationMethodsPolicy p = policy.orNull();
        for (String id : List.of("Sms", "Voice")) {
            Optional<MethodConfiguration> c = p.configuration(id);
            if (c.isPresent() && !Text.eq(c.get().state(), "disabled")) {
                phishable.add(new String[] {id, id, "the " + id + " method is " + c.get().state()
                        + " in the authentication methods policy: codes sent by " + (id.equals("Sms") ? "text" : "call")
                        + " can be phished and relayed"});
            }
        }
        Optional<MethodConfiguration> authenticator = p.configuration("MicrosoftAuthenticator");
        if (authenticator.isPresent() && numberMatchingOff(authenticator.get())) {
            phishable.add(new String[] {"MicrosoftAuthenticator", "MicrosoftAuthenticator",
                    "Microsoft Authenticator number matching is turned off (numberMatchingRequiredState is disabled; "
                            + "the method is " + authenticator.get().state() + "): push approvals invite MFA fatigue"});
        }
        return Tri.of(phishable.isEmpty());
    }

    /** Number matching's state sits in featureSettings (an object) or, in older payloads, on an include target. */
    private static boolean numberMatchingOff(MethodConfiguration authenticator) {
        JsonNode fs = authenticator.featureSettings();
        if (fs != null && fs.has("numberMatchingRequiredState")) {
            JsonNode state = fs.get("numberMatchingRequiredState");
            String value = state.isObject() ? state.path("state").asText(null) : state.asText(null);
            if (Text.eq(value, "disabled")) {
                return true;
            }
        }
        JsonNode targets = authenticator.includeTargets();
        if (targets != null && targets.isArray()) {
            for (JsonNode target : targets) {
                if (Text.eq(target.path("numberMatchingRequiredState").asText(null), "disabled")) {
                    return true;
                }
            }
        }
        return false;
    }
}
