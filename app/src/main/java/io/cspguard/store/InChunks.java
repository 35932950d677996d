package io.cspguard.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Splits an IN list so that no statement carries more bind parameters than drivers and planners like. */
final class InChunks {
    static final int SIZE = 1000;

    private InChunks() {
    }

    static <T> void each(List<T> values, Consumer<List<T>> action) {
        for (int from = 0; from < values.size(); from += SIZE) {
            action.accept(new ArrayList<>(values.subList(from, Math.min(values.size(), from + SIZE))));
        }
    }
}
