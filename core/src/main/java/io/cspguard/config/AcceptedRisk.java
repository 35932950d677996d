package io.cspguard.config;

import java.time.LocalDate;
import java.util.List;

/**
 * An exception of {@code cspguard.yaml}: accepted risk for one control in one tenant (or {@code *}), for some
 * objects (UPNs or object ids) or, with none, the whole control. Live through the end of {@code expires} (UTC).
 */
public record AcceptedRisk(String control, String tenant, List<String> objects, String reason, String approvedBy,
                           LocalDate expires, int line) {
    public AcceptedRisk {
        objects = objects == null ? List.of() : List.copyOf(objects);
    }

    public boolean wholeControl() {
        return objects.isEmpty();
    }
}
