package io.cspguard.report.html;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.ControlRegistry;
import io.cspguard.result.Assessment;
import io.cspguard.result.ControlResult;
import io.cspguard.result.ExceptionRef;
import io.cspguard.result.Finding;
import io.cspguard.result.Status;
import io.cspguard.result.TenantResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Turns an assessment into what the HTML template shows. */
public final class HtmlReportBuilder {
    private HtmlReportBuilder() {
    }

    public static HtmlReport of(Assessment a) {
        List<HtmlReport.Column> columns = columns(a);
        List<HtmlReport.TenantSection> tenants = new ArrayList<>();
        for (int i = 0; i < a.tenants().size(); i++) {
            tenants.add(tenant(i, a.tenants().get(i), columns));
        }
        return new HtmlReport(a.toolName(), a.toolVersion(), text(a.generatedAt()), a.inputSha256(),
                a.inputFileCount(), a.configHash(), columns, tenants, counts(a::count));
    }

    /** The controls that some tenant has a result for: catalog order first, then any the registry does not know. */
    static List<HtmlReport.Column> columns(Assessment a) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (TenantResult t : a.tenants()) {
            for (ControlResult r : t.results()) {
                seen.putIfAbsent(r.controlId(), r.title());
            }
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (Control c : ControlRegistry.all()) {
            if (seen.containsKey(c.info().id())) {
                ordered.add(c.info().id());
            }
        }
        ordered.addAll(seen.keySet());
        return ordered.stream().map(id -> new HtmlReport.Column(id, label(id), title(id, seen.get(id)),
                count(a, id, true), count(a, id, false))).toList();
    }

    /** How many tenants have a result for the control (or, with notMetOnly, one that fails or warns). */
    private static int count(Assessment a, String controlId, boolean notMetOnly) {
        return (int) a.tenants().stream().flatMap(t -> t.results().stream())
                .filter(r -> controlId.equals(r.controlId()))
                .filter(r -> !notMetOnly || r.status() == Status.FAIL || r.status() == Status.WARN)
                .count();
    }

    private static HtmlReport.TenantSection tenant(int index, TenantResult t, List<HtmlReport.Column> columns) {
        Map<String, ControlResult> byControl = new LinkedHashMap<>();
        t.results().forEach(r -> byControl.putIfAbsent(r.controlId(), r));
        List<HtmlReport.Cell> cells = columns.stream().map(c -> {
            ControlResult r = byControl.get(c.controlId());
            return r == null || r.status() == null
                    ? new HtmlReport.Cell(c.controlId(), null, null, c.title() + ": not in this tenant's scope")
                    : new HtmlReport.Cell(c.controlId(), Badge.of(r.status()), anchor(index, c.controlId()),
                            c.title() + ": " + Badge.of(r.status()).label());
        }).toList();
        List<HtmlReport.ResultSection> results = t.results().stream().map(r -> result(index, r)).toList();
        return new HtmlReport.TenantSection(index, "t-" + index, t.tenantId(), t.displayName(), t.role(),
                t.licence(), text(t.collectedAt()), t.problems(), cells, counts(t::count), results);
    }

    private static HtmlReport.ResultSection result(int tenantIndex, ControlResult r) {
        Optional<ControlInfo> info = ControlRegistry.info(r.controlId());
        return new HtmlReport.ResultSection(anchor(tenantIndex, r.controlId()), r.controlId(),
                title(r.controlId(), r.title()), r.level() == null ? null : r.level().name(),
                r.status() == null ? null : Badge.of(r.status()), r.summary(), r.reason(),
                info.map(ControlInfo::rationale).orElse(null), info.map(ControlInfo::remediation).orElse(null),
                r.acceptedCount(), r.findings().stream().map(HtmlReportBuilder::row).toList(), r.notes());
    }

    private static HtmlReport.FindingRow row(Finding f) {
        ExceptionRef live = f.accepted() ? f.exception() : null;
        ExceptionRef expired = f.expiredException();
        return new HtmlReport.FindingRow(f.objectType(), f.objectName(), f.objectId(), f.detail(), f.accepted(),
                live == null ? null : live.reason(), live == null ? null : live.approvedBy(),
                live == null ? null : text(live.expires()),
                expired == null ? null : expired.reason(), expired == null ? null : expired.approvedBy(),
                expired == null ? null : text(expired.expires()));
    }

    private static HtmlReport.Counts counts(Function<Status, Long> count) {
        return new HtmlReport.Counts(count.apply(Status.PASS), count.apply(Status.FAIL), count.apply(Status.WARN),
                count.apply(Status.NOT_APPLICABLE), count.apply(Status.NOT_ASSESSED));
    }

    /**
     * The id of a result's section. Built from the tenant's index and the control id, never from tenant-supplied
     * text; characters that have no place in a fragment are replaced all the same.
     */
    static String anchor(int tenantIndex, String controlId) {
        return "t-" + tenantIndex + "-" + String.valueOf(controlId).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String label(String controlId) {
        return controlId != null && controlId.startsWith("CSP.") ? controlId.substring(4) : controlId;
    }

    private static String title(String controlId, String fromResult) {
        if (fromResult != null && !fromResult.isBlank()) {
            return fromResult;
        }
        return ControlRegistry.info(controlId).map(ControlInfo::title).orElse(controlId);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
