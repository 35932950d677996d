package io.cspguard.store;

import java.util.Locale;

/** What started a run; stored lower-case in {@code runs.trigger_kind}. */
public enum RunTrigger {
    DEMO, SCHEDULE, MANUAL, CLI;

    /** The value of {@code runs.trigger_kind}. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The trigger of a {@code runs.trigger_kind} value; fails naming the value when it is unknown. */
    public static RunTrigger fromColumn(String value) {
        for (RunTrigger t : values()) {
            if (t.column().equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown run trigger in the store: " + value);
    }
}
