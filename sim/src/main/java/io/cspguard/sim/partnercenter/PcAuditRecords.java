package io.cspguard.sim.partnercenter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.throttle.PageSizes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /v1/auditrecords?startDate=…[&endDate=…][&size=…]} (Partner Center's "get a record of Partner Center
 * activity"): the records whose {@code operationDate} lies in the range, paged like customers. Without a start date,
 * the last 30 days; a start more than 90 days back is refused with 400, as Partner Center does.
 */
final class PcAuditRecords {
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    private static final Duration RETENTION = Duration.ofDays(90);
    /** The .NET SDK sends dates as "6/1/2017 12:00:00 AM". */
    private static final DateTimeFormatter SDK = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);

    private PcAuditRecords() {
    }

    static PcResponse list(PcContext c) {
        Instant start;
        Instant end;
        try {
            start = date(c.req().param("startdate"), c.now().minus(DEFAULT_WINDOW));
            end = date(c.req().param("enddate"), c.now());
        } catch (DateTimeParseException e) {
            return PcErrors.badRequest("startDate and endDate must be dates, e.g. 2026-11-01 or 2026-11-01T00:00:00Z.");
        }
        if (start.isBefore(c.now().minus(RETENTION))) {
            return PcErrors.badRequest("The start date cannot be more than 90 days before today.");
        }
        if (end.isBefore(start)) {
            return PcErrors.badRequest("The end date must not be before the start date.");
        }
        return c.read(() -> {
            List<ObjectNode> inRange = c.list(PcContext.AUDIT_RECORDS).stream().filter(r -> {
                Instant at = instant(PcJson.text(r, "operationDate"));
                return at != null && !at.isBefore(start) && !at.isAfter(end);
            }).toList();
            return PcService.page(c, inRange, "/auditrecords", PageSizes.PARTNER_CENTER_AUDIT_RECORDS,
                    c.req().param("size"));
        });
    }

    /** What Partner Center records for a change made through it. Caller holds the partner's write lock. */
    static void append(PcContext c, ObjectNode customer, String userPrincipalName, String resourceType,
                       String operationType, ObjectNode newValue, Map<String, String> customized) {
        ObjectNode r = PcJson.object();
        String customerId = PcJson.text(customer, "id");
        r.put("id", c.world().partnerTenantId() + "_" + customerId + "_" + operationType.replace("_", "") + "_"
                + c.now().toEpochMilli());
        r.put("partnerId", c.world().partnerTenantId());
        r.putArray("participants").add(c.world().partnerTenantId());
        r.put("customerId", customerId);
        r.put("customerName", customer.path("companyProfile").path("companyName").asText(null));
        r.put("userPrincipalName", userPrincipalName);
        r.put("applicationId", c.req().token().appId());
        r.put("resourceType", resourceType);
        r.put("resourceNewValue", newValue.toString());
        r.put("operationType", operationType);
        r.put("operationDate", c.now().toString());
        r.put("operationStatus", "succeeded");
        ArrayNode data = r.putArray("customizedData");
        customized.forEach((k, v) -> data.addObject().put("key", k).put("value", v));
        r.putObject("attributes").put("objectType", "AuditRecord");
        c.partner().collection(PcContext.AUDIT_RECORDS).add(r);
    }

    private static Instant date(String text, Instant fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            // not an instant with an offset: try the other forms
        }
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // next form
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // next form
        }
        return LocalDateTime.parse(t.toUpperCase(Locale.ROOT), SDK).toInstant(ZoneOffset.UTC);
    }

    private static Instant instant(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
