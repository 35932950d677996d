package io.cspguard.controls;

/** A licence without which a control is {@code NOT_APPLICABLE} (decided before anything else). */
public enum LicenceRequirement {
    NONE(null), P2("needs Entra ID P2");

    private final String whyNotApplicable;

    LicenceRequirement(String whyNotApplicable) {
        this.whyNotApplicable = whyNotApplicable;
    }

    public String whyNotApplicable() {
        return whyNotApplicable;
    }
}
