package io.cspguard.result;

import java.time.LocalDate;

/** The configured exception that accepts (or, expired, no longer accepts) a finding. */
public record ExceptionRef(String reason, String approvedBy, LocalDate expires) {
}
