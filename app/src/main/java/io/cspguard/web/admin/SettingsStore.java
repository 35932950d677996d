package io.cspguard.web.admin;

import io.cspguard.audit.Audit;
import io.cspguard.audit.AuditEvent;
import io.cspguard.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The settings an admin changes in the dashboard, validated and audited ({@code settings.changed}, appended inside
 * the change's transaction: a change whose entry cannot be written is rolled back):
 * <ul>
 *   <li>{@value #RETENTION_DAYS}: how many days the audit trail keeps (whole number, {@value #MIN_RETENTION_DAYS}
 *   to 36,500; default 365);</li>
 *   <li>{@value #SCHEDULE_INTERVAL}: time between scheduled runs (ISO-8601 duration, at least PT1H; default PT24H).</li>
 * </ul>
 */
public final class SettingsStore {
    public static final String RETENTION_DAYS = "audit.retentionDays";
    public static final String SCHEDULE_INTERVAL = "schedule.interval";
    public static final int DEFAULT_RETENTION_DAYS = 365;
    /**
     * The shortest retention an admin may set: the trail must outlive an incident's discovery, and a short one would
     * let an admin (or a stolen admin session) have the record of their own actions pruned within days.
     */
    public static final int MIN_RETENTION_DAYS = 90;
    private static final int MAX_RETENTION_DAYS = 36_500;
    public static final Duration DEFAULT_SCHEDULE_INTERVAL = Duration.ofHours(24);

    /** Each known setting's validator: returns the value in its canonical form, or throws with what is wrong. */
    private static final Map<String, UnaryOperator<String>> VALIDATORS = Map.of(
            RETENTION_DAYS, SettingsStore::validRetention,
            SCHEDULE_INTERVAL, SettingsStore::validInterval);

    private final Database db;
    private final Audit audit;
    private final Clock clock;

    public SettingsStore(Database db, Audit audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    public Optional<String> get(String name) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT setting_value FROM settings WHERE name = :n")
                .bind("n", name).mapTo(String.class).findOne());
    }

    /** The audit trail's retention in days (the default when never set). */
    public int retentionDays() {
        return get(RETENTION_DAYS).map(Integer::parseInt).orElse(DEFAULT_RETENTION_DAYS);
    }

    /** The time between scheduled runs (the default when never set). */
    public Duration scheduleInterval() {
        return get(SCHEDULE_INTERVAL).map(Duration::parse).orElse(DEFAULT_SCHEDULE_INTERVAL);
    }

    /**
     * Validates and stores a setting, and records the change.
     *
     * @throws IllegalArgumentException an unknown setting or an invalid value; the message says which and why
     */
    public void set(String name, String value, String actor, String ip) {
        String canonical = validate(name, value);
        db.jdbi().useTransaction(h -> {
            Optional<String> old = h.createQuery("SELECT setting_value FROM settings WHERE name = :n FOR UPDATE")
                    .bind("n", name).mapTo(String.class).findOne();
            var at = clock.instant().atOffset(ZoneOffset.UTC);
            if (old.isPresent()) {
                h.createUpdate("UPDATE settings SET setting_value = :v, updated_by = :by, updated_at = :at WHERE name = :n")
                        .bind("v", canonical).bind("by", actor).bind("at", at).bind("n", name).execute();
            } else {
                h.createUpdate("INSERT INTO settings (name, setting_value, updated_by, updated_at) VALUES (:n, :v, :by, :at)")
                        .bind("n", name).bind("v", canonical).bind("by", actor).bind("at", at).execute();
            }
            audit.record(new AuditEvent(actor, ip, null, "settings.changed", name, "success",
                    old.orElse("default") + " -> " + canonical));
        });
    }

    /**
     * The canonical form of a valid value.
     *
     * @throws IllegalArgumentException an unknown setting or an invalid value
     */
    public static String validate(String name, String value) {
        UnaryOperator<String> validator = VALIDATORS.get(name);
        if (validator == null) {
            throw new IllegalArgumentException("unknown setting '" + name + "': use " + RETENTION_DAYS + " or "
                    + SCHEDULE_INTERVAL);
        }
        return validator.apply(value == null ? "" : value.strip());
    }

    private static String validRetention(String text) {
        int days;
        try {
            days = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(RETENTION_DAYS + " must be a whole number of days, got '" + text + "'");
        }
        if (days < MIN_RETENTION_DAYS) {
            throw new IllegalArgumentException(RETENTION_DAYS + " must be at least " + MIN_RETENTION_DAYS + " days, got "
                    + days + ": the audit trail must outlast the time it takes to notice an incident, and a shorter "
                    + "retention would let the record of recent actions be pruned away");
        }
        if (days > MAX_RETENTION_DAYS) {
            throw new IllegalArgumentException(RETENTION_DAYS + " must be at most " + MAX_RETENTION_DAYS + " days, got "
                    + days);
        }
        return Integer.toString(days);
    }

    private static String validInterval(String text) {
        Duration d;
        try {
            d = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(SCHEDULE_INTERVAL + " must be an ISO-8601 duration such as PT24H or "
                    + "PT6H, got '" + text + "'");
        }
        if (d.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException(SCHEDULE_INTERVAL + " must be at least PT1H (one hour), got " + text);
        }
        return d.toString();
    }
}
