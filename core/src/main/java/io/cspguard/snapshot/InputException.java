package io.cspguard.snapshot;

/** The {@code --input} path is not a snapshot: a usage error (exit status 2), with what and where. */
public final class InputException extends Exception {
    public InputException(String message) {
        super(message);
    }
}
