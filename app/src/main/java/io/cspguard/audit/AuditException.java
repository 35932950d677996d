package io.cspguard.audit;

/** The audit trail could not be written, read or exported; the message says what and why. */
public final class AuditException extends RuntimeException {
    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }

    public AuditException(String message) {
        super(message);
    }
}
