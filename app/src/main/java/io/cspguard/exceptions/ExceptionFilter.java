package io.cspguard.exceptions;

/**
 * Which exceptions to list; a null field does not filter.
 *
 * @param status   one of {@link ExceptionRow#STATUSES}
 * @param tenantId exceptions of this tenant (and those of every tenant, {@code *})
 * @param controlId exceptions of this control
 */
public record ExceptionFilter(String status, String tenantId, String controlId) {
    public static ExceptionFilter all() {
        return new ExceptionFilter(null, null, null);
    }

    public ExceptionFilter {
        if (status != null && !ExceptionRow.STATUSES.contains(status)) {
            throw new IllegalArgumentException("unknown exception status '" + status + "': use one of "
                    + String.join(", ", ExceptionRow.STATUSES));
        }
    }
}
