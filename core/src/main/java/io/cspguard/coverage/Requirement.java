package io.cspguard.coverage;

/** What a Conditional Access grant can require of every sign-in (controls.md, "When a policy enforces a grant"). */
public enum Requirement {
    MFA("MFA"),
    PHISHING_RESISTANT_MFA("phishing-resistant MFA"),
    COMPLIANT_DEVICE("a compliant or hybrid-joined device");

    private final String label;

    Requirement(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
