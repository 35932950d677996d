package io.cspguard.controls;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every control of the catalog, in catalog order. Explicit on purpose: no classpath scanning. */
public final class ControlRegistry {
    private static final List<Control> ALL = List.of();

    private static final Map<String, Control> BY_ID = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(c -> c.info().id(), Function.identity()));

    private ControlRegistry() {
    }

    public static List<Control> all() {
        return ALL;
    }

    public static Set<String> ids() {
        return BY_ID.keySet();
    }

    public static Optional<ControlInfo> info(String id) {
        return Optional.ofNullable(BY_ID.get(id)).map(Control::info);
    }
}
