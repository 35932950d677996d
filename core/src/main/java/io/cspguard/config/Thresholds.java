package io.cspguard.config;

/** The numbers the catalog leaves to the partner; each has the catalog's default. */
public record Thresholds(Range globalAdmins, Integer staleSignInDays, Integer signInWindowDays,
                         Integer accessReviewDays, Integer maxActivationHours, Integer recoveryInfoChangeDays) {

    public static final Thresholds DEFAULTS = new Thresholds(null, null, null, null, null, null);

    public Thresholds {
        globalAdmins = globalAdmins == null ? new Range(2, 4) : globalAdmins;
        staleSignInDays = staleSignInDays == null ? 90 : staleSignInDays;
        signInWindowDays = signInWindowDays == null ? 30 : signInWindowDays;
        accessReviewDays = accessReviewDays == null ? 90 : accessReviewDays;
        maxActivationHours = maxActivationHours == null ? 8 : maxActivationHours;
        recoveryInfoChangeDays = recoveryInfoChangeDays == null ? 30 : recoveryInfoChangeDays;
    }

    /** An inclusive range. */
    public record Range(Integer min, Integer max) {
        public Range {
            min = min == null ? 2 : min;
            max = max == null ? 4 : max;
        }

        public boolean contains(int n) {
            return n >= min && n <= max;
        }
    }
}
