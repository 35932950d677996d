package io.cspguard.report.html;

import io.cspguard.result.Status;

/**
 * How a status looks in the HTML report: a colour (CSS class) and always a short text too, so that the report does not
 * rely on colour alone. Colours are chosen for at least 4.5:1 contrast with their text.
 */
public enum Badge {
    PASS("s-pass", "P", "Pass"),
    FAIL("s-fail", "F", "Fail"),
    WARN("s-warn", "W", "Warn"),
    NOT_APPLICABLE("s-na", "NA", "Not applicable"),
    NOT_ASSESSED("s-ns", "?", "Not assessed");

    private final String cssClass;
    private final String abbreviation;
    private final String label;

    Badge(String cssClass, String abbreviation, String label) {
        this.cssClass = cssClass;
        this.abbreviation = abbreviation;
        this.label = label;
    }

    public static Badge of(Status status) {
        return switch (status) { // a switch, so that a new status cannot be forgotten here
            case PASS -> PASS;
            case FAIL -> FAIL;
            case WARN -> WARN;
            case NOT_APPLICABLE -> NOT_APPLICABLE;
            case NOT_ASSESSED -> NOT_ASSESSED;
        };
    }

    public String cssClass() {
        return cssClass;
    }

    public String abbreviation() {
        return abbreviation;
    }

    public String label() {
        return label;
    }

    /** The status as the JSON report spells it. */
    public String status() {
        return name();
    }
}
