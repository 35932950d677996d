package io.cspguard.snapshot;

import java.util.Objects;
import java.util.function.Function;

/**
 * One piece of evidence from a snapshot: either present, or missing with the reason why
 * (not collected, refused by Graph, unreadable). Controls never treat a missing piece as empty:
 * that is how "no data" is kept from becoming {@code PASS}.
 */
public sealed interface Data<T> permits Data.Present, Data.Missing {

    static <T> Data<T> present(T value) {
        return new Present<>(value);
    }

    static <T> Data<T> missing(String file, String reason) {
        return new Missing<>(file, reason);
    }

    boolean isPresent();

    /** The value, or {@code null} when missing: callers must check {@link #isPresent()} or handle null. */
    T orNull();

    <R> Data<R> map(Function<? super T, ? extends R> f);

    record Present<T>(T value) implements Data<T> {
        public Present {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean isPresent() {
            return true;
        }

        @Override
        public T orNull() {
            return value;
        }

        @Override
        public <R> Data<R> map(Function<? super T, ? extends R> f) {
            return new Present<>(f.apply(value));
        }
    }

    /** @param file the snapshot file (relative to the tenant folder); @param reason one sentence for the user. */
    record Missing<T>(String file, String reason) implements Data<T> {
        @Override
        public boolean isPresent() {
            return false;
        }

        @Override
        public T orNull() {
            return null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> Data<R> map(Function<? super T, ? extends R> f) {
            return (Data<R>) this;
        }
    }
}
