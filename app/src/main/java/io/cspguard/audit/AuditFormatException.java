package io.cspguard.audit;

/** A line of an exported audit file that cannot be read; the verifier reports it with its line number. */
final class AuditFormatException extends RuntimeException {
    AuditFormatException(String message) {
        super(message);
    }
}
