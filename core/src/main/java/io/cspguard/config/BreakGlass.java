package io.cspguard.config;

import java.util.List;

/** Emergency-access accounts of one tenant (or {@code *}), by UPN or object id. */
public record BreakGlass(String tenant, List<String> users) {
    public BreakGlass {
        users = users == null ? List.of() : List.copyOf(users);
    }
}
