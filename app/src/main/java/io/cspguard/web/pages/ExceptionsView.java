package io.cspguard.web.pages;

import io.cspguard.exceptions.ExceptionRow;

import java.time.LocalDate;
import java.util.List;

/**
 * The exceptions page: the list (filtered by status), the request form with the problems of a refused request
 * ({@code formErrors}), why a decision was refused ({@code refusal}) and a message about the last action. {@code user} is the signed-in user's name: approving one's own request is
 * not offered.
 */
public record ExceptionsView(List<ExceptionRow> rows, String status, ExceptionForm form, List<String> formErrors,
                             String refusal, String message, List<String> controlIds, LocalDate today, LocalDate latestExpiry,
                             String user) {
    public List<String> statuses() {
        return ExceptionRow.STATUSES;
    }

    public boolean ownRequest(ExceptionRow r) {
        return r.requestedBy().equalsIgnoreCase(user);
    }

    public String tenantHref(ExceptionRow r) {
        return "*".equals(r.tenantId()) ? null : Links.tenant(r.tenantId());
    }
}
