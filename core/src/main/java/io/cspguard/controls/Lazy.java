package io.cspguard.controls;

import java.util.function.Supplier;

/** A value computed once, on first use, safely across threads (the partner's view is shared by all tenants). */
final class Lazy<T> implements Supplier<T> {
    private Supplier<T> supplier;
    private volatile T value;

    Lazy(Supplier<T> supplier) {
        this.supplier = supplier;
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = supplier.get();
                    value = v;
                    supplier = null;
                }
            }
        }
        return v;
    }
}
