package io.cspguard.coverage;

import io.cspguard.snapshot.graph.CaPolicy;
import io.cspguard.snapshot.graph.CaPolicy.AuthenticationStrength;
import io.cspguard.snapshot.graph.CaPolicy.GrantControls;
import io.cspguard.snapshot.graph.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a policy's grant cannot be met without a requirement. With {@code AND} one control that requires it is
 * enough; with {@code OR} every alternative must require it — so {@code mfa} OR'ed with a device or app control does
 * not require MFA, while {@code compliantDevice} OR {@code domainJoinedDevice} does require a managed device.
 * (controls.md says "either that is the only grant control or operator is AND"; for several controls under OR that
 * all require the same thing, the literal rule would call e.g. mfa OR an MFA strength "not MFA", which no sign-in can
 * escape: we decide by alternatives, which agrees with the rule everywhere else. See docs/decisions.md.)
 */
final class GrantAnalysis {
    /** Built-in authentication strengths, for snapshots that name a strength without its combinations. */
    static final Map<String, List<String>> BUILT_IN_STRENGTHS = Map.of(
            "00000000-0000-0000-0000-000000000002", List.of("windowsHelloForBusiness", "fido2",
                    "x509CertificateMultiFactor", "deviceBasedPush", "temporaryAccessPassOneTime",
                    "temporaryAccessPassMultiUse", "password,microsoftAuthenticatorPush", "password,softwareOath",
                    "password,hardwareOath", "password,x509CertificateSingleFactor",
                    "password,x509CertificateMultiFactor", "password,sms", "password,voice", "federatedMultiFactor",
                    "microsoftAuthenticatorPush,federatedSingleFactor", "softwareOath,federatedSingleFactor",
                    "hardwareOath,federatedSingleFactor", "sms,federatedSingleFactor", "voice,federatedSingleFactor"),
            "00000000-0000-0000-0000-000000000003", List.of("windowsHelloForBusiness", "fido2",
                    "x509CertificateMultiFactor", "deviceBasedPush"),
            "00000000-0000-0000-0000-000000000004", List.of("windowsHelloForBusiness", "fido2",
                    "x509CertificateMultiFactor"));

    private static final Set<String> PHISHING_RESISTANT = Set.of("windowshelloforbusiness", "fido2",
            "x509certificatemultifactor");

    private GrantAnalysis() {
    }

    static Tri requires(CaPolicy policy, Requirement requirement) {
        GrantControls grant = policy.grantControls();
        if (grant == null) {
            return Tri.FALSE;
        }
        List<Tri> each = new ArrayList<>();
        for (String builtIn : grant.builtInControls()) {
            each.add(Tri.of(builtInMeets(builtIn, requirement)));
        }
        for (int i = 0; i < grant.customAuthenticationFactors().size() + grant.termsOfUse().size(); i++) {
            each.add(Tri.FALSE);
        }
        if (grant.authenticationStrength() != null) {
            each.add(strengthMeets(grant.authenticationStrength(), requirement));
        }
        if (each.isEmpty()) {
            return Tri.FALSE;
        }
        boolean and = Text.eq(grant.operator(), "AND");
        Tri result = and ? Tri.FALSE : Tri.TRUE;
        for (Tri t : each) {
            result = and ? result.or(t) : result.and(t);
        }
        return result;
    }

    /** "mfa OR compliantDevice": a short description of the grant, for explanations. */
    static String describe(CaPolicy policy) {
        GrantControls grant = policy.grantControls();
        if (grant == null) {
            return "no grant controls";
        }
        List<String> parts = new ArrayList<>(grant.builtInControls());
        if (grant.authenticationStrength() != null) {
            AuthenticationStrength s = grant.authenticationStrength();
            parts.add("authentication strength '" + (s.displayName() != null ? s.displayName() : s.id()) + "'");
        }
        if (!grant.customAuthenticationFactors().isEmpty()) {
            parts.add("custom controls");
        }
        if (!grant.termsOfUse().isEmpty()) {
            parts.add("terms of use");
        }
        return String.join(" " + (grant.operator() == null ? "OR" : grant.operator()) + " ", parts);
    }

    private static boolean builtInMeets(String control, Requirement requirement) {
        return switch (requirement) {
            case MFA -> Text.eq(control, "mfa");
            case PHISHING_RESISTANT_MFA -> false;
            case COMPLIANT_DEVICE -> Text.eq(control, "compliantDevice") || Text.eq(control, "domainJoinedDevice");
        };
    }

    private static Tri strengthMeets(AuthenticationStrength strength, Requirement requirement) {
        if (requirement == Requirement.COMPLIANT_DEVICE) {
            return Tri.FALSE;
        }
        List<String> combos = strength.allowedCombinations();
        if (combos.isEmpty() && strength.id() != null) {
            combos = BUILT_IN_STRENGTHS.getOrDefault(strength.id().toLowerCase(java.util.Locale.ROOT), List.of());
        }
        if (combos.isEmpty()) {
            return Tri.UNKNOWN; // a custom strength whose combinations were not collected
        }
        if (requirement == Requirement.MFA) {
            return Tri.of(combos.stream().anyMatch(c -> !Text.eq(c.trim(), "password")));
        }
        return Tri.of(combos.stream().allMatch(c -> PHISHING_RESISTANT.contains(c.trim().toLowerCase(java.util.Locale.ROOT))));
    }
}
