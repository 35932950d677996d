package io.cspguard.snapshot;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Per-object files of one folder ({@code groupMembers/<groupId>.json}, {@code authenticationMethods/<userId>.json}…),
 * looked up by object id (case-insensitively, as Graph ids are GUIDs).
 */
public final class Keyed<T> {
    private final String folder;
    private final Map<String, Data<T>> byId;
    private final Function<String, Data<T>> whenAbsent;

    Keyed(String folder, Map<String, Data<T>> byId, Function<String, Data<T>> whenAbsent) {
        this.folder = folder;
        this.byId = Map.copyOf(byId);
        this.whenAbsent = whenAbsent;
    }

    /**
     * @param byId       present files by object id (any case)
     * @param whenAbsent what an id without a file means: missing (not collected), or empty where a licence rules it out
     */
    public static <T> Keyed<T> of(String folder, Map<String, Data<T>> byId, Function<String, Data<T>> whenAbsent) {
        Map<String, Data<T>> lower = new java.util.HashMap<>();
        byId.forEach((id, d) -> lower.put(id.toLowerCase(Locale.ROOT), d));
        return new Keyed<>(folder, lower, whenAbsent);
    }

    /** The object's file, or what its absence means (missing, or empty where the licence makes it impossible). */
    public Data<T> get(String id) {
        if (id == null) {
            return Data.missing(folder + "/?.json", "no object id");
        }
        Data<T> d = byId.get(id.toLowerCase(Locale.ROOT));
        return d != null ? d : whenAbsent.apply(id); // whenAbsent names the file from the id
    }

    public String folder() {
        return folder;
    }

    public int size() {
        return byId.size();
    }
}
