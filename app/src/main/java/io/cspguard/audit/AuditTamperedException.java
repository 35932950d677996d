package io.cspguard.audit;

/** An operation refused because the trail does not verify; {@link #report()} lists what is wrong. */
public final class AuditTamperedException extends RuntimeException {
    private final transient VerifyReport report;

    public AuditTamperedException(String message, VerifyReport report) {
        super(message);
        this.report = report;
    }

    public VerifyReport report() {
        return report;
    }
}
