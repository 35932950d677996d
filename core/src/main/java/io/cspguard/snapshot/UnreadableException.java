package io.cspguard.snapshot;

/** A snapshot file that cannot be used, with a reason that names the file and, where known, line and column. */
public final class UnreadableException extends Exception {
    public UnreadableException(String message) {
        super(message);
    }

    public UnreadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
