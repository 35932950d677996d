package io.cspguard.controls;

import io.cspguard.snapshot.Data;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What a control found in one tenant, before exceptions and status are applied. */
public final class Outcome {
    /**
     * A finding as a control reports it.
     *
     * @param keys the identifiers an exception's {@code objects} may use for this object (id, UPN), lower-cased
     */
    public record RawFinding(String objectType, String objectId, String objectName, String rule, String detail,
                             Set<String> keys) {
    }

    private final List<RawFinding> findings = new ArrayList<>();
    private final Set<String> unknowns = new LinkedHashSet<>();
    private final List<String> notes = new ArrayList<>();
    private String summary;
    private String notApplicable;

    public static Outcome notApplicable(String reason) {
        Outcome o = new Outcome();
        o.notApplicable = reason;
        return o;
    }

    /** @param aliases further names an exception may use for the object (a user's UPN besides its id) */
    public Outcome finding(String objectType, String objectId, String objectName, String rule, String detail,
                           String... aliases) {
        Set<String> keys = new LinkedHashSet<>();
        for (String k : concat(objectId, objectName, aliases)) {
            if (k != null && !k.isBlank()) {
                keys.add(k.toLowerCase(Locale.ROOT));
            }
        }
        findings.add(new RawFinding(objectType, objectId, objectName == null ? objectId : objectName, rule, detail,
                Set.copyOf(keys)));
        return this;
    }

    /** Something this control needed but could not decide; names what is missing. */
    public Outcome unknown(String reason) {
        unknowns.add(reason);
        return this;
    }

    /** Adds the reason when the data is missing; true when it is present. */
    public boolean need(Data<?> data) {
        if (data instanceof Data.Missing<?> m) {
            unknowns.add(m.reason());
            return false;
        }
        return true;
    }

    public Outcome note(String note) {
        notes.add(note);
        return this;
    }

    public Outcome summary(String summary) {
        this.summary = summary;
        return this;
    }

    public List<RawFinding> findings() {
        return List.copyOf(findings);
    }

    public List<String> unknowns() {
        return List.copyOf(unknowns);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public String summary() {
        return summary;
    }

    public String notApplicableReason() {
        return notApplicable;
    }

    private static List<String> concat(String a, String b, String[] rest) {
        List<String> all = new ArrayList<>();
        all.add(a);
        all.add(b);
        all.addAll(java.util.Arrays.asList(rest)); // aliases may be null (a user without a UPN)
        return all;
    }
}
