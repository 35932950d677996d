package io.cspguard.exceptions;

import java.util.List;

/** An exception request that cannot be stored, with every problem found (the form shows them all at once). */
public final class ExceptionRequestInvalid extends IllegalArgumentException {
    private final List<String> problems;

    public ExceptionRequestInvalid(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
