package io.cspguard.exceptions;

/** A decision the workflow does not allow (approving one's own request, deciding twice, an expired date); the message says why. */
public final class ExceptionRefused extends IllegalStateException {
    public ExceptionRefused(String message) {
        super(message);
    }
}
