package io.cspguard.runs;

/** A run that did not complete; it is marked failed in the store and in the audit trail. */
public final class RunFailedException extends RuntimeException {
    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
