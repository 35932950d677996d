package io.cspguard.eval;

import io.cspguard.config.AcceptedRisk;
import io.cspguard.config.Config;
import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.controls.Outcome;
import io.cspguard.controls.TenantView;
import io.cspguard.result.ControlResult;
import io.cspguard.result.ExceptionRef;
import io.cspguard.result.Finding;
import io.cspguard.result.Status;
import io.cspguard.snapshot.Licences;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a control's {@link Outcome} into a {@link ControlResult}: licence first ({@code NOT_APPLICABLE}), then
 * exceptions (live ones accept findings; expired ones are named), then the status — a finding that is not accepted
 * makes FAIL/WARN; otherwise anything undecided makes NOT_ASSESSED; only then PASS.
 */
public final class Evaluator {
    private static final Comparator<Finding> FINDING_ORDER = Comparator
            .comparing((Finding f) -> f.objectName() == null ? "" : f.objectName().toLowerCase(Locale.ROOT))
            .thenComparing(f -> f.objectId() == null ? "" : f.objectId())
            .thenComparing(f -> f.rule() == null ? "" : f.rule());

    private Evaluator() {
    }

    public static ControlResult evaluate(Control control, TenantView tenant, Config config) {
        ControlInfo info = control.info();
        Licences licences = tenant.snapshot().licences();
        if (info.licence() == LicenceRequirement.P2) {
            if (!licences.known()) {
                return result(info, Status.NOT_ASSESSED, null, "the tenant's licences are unknown ("
                        + licences.unknownReason() + "), and this control needs Entra ID P2", List.of(), 0, List.of());
            }
            if (!licences.hasP2()) {
                return result(info, Status.NOT_APPLICABLE, null, info.licence().whyNotApplicable()
                        + (info.id().startsWith("CSP.PRIV") ? " for PIM" : " for Identity Protection")
                        + " (the tenant has " + licences.label() + ")", List.of(), 0, List.of());
            }
        }
        Outcome outcome;
        try {
            outcome = control.evaluate(tenant);
        } catch (RuntimeException e) {
            // A defect or data this control did not expect: never a crash of the run, never a pass.
            return result(info, Status.NOT_ASSESSED, null, "the control could not be evaluated: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    List.of(), 0, List.of());
        }
        if (outcome.notApplicableReason() != null) {
            return result(info, Status.NOT_APPLICABLE, null, outcome.notApplicableReason(), List.of(), 0, List.of());
        }
        List<Finding> findings = applyExceptions(info, tenant, config, outcome.findings());
        long open = findings.stream().filter(f -> !f.accepted()).count();
        int accepted = (int) (findings.size() - open);
        long expired = findings.stream().filter(f -> f.expiredException() != null).count();
        String summary = outcome.summary();
        if (accepted > 0) {
            summary = (summary == null ? "" : summary + "; ") + accepted + " accepted by a live exception";
        }
        if (expired > 0) {
            summary = (summary == null ? "" : summary + "; ") + expired + " no longer accepted: exception expired";
        }
        if (open > 0) {
            return result(info, info.level().unmet(), summary, null, findings, accepted, outcome.notes());
        }
        if (!outcome.unknowns().isEmpty()) {
            // The control's own summary counts only what it could decide: say instead that it could not decide.
            String undecided = "could not be decided: " + outcome.unknowns().size() + " piece(s) of evidence missing"
                    + (accepted > 0 ? "; " + accepted + " accepted by a live exception" : "");
            return result(info, Status.NOT_ASSESSED, undecided, String.join("; ", outcome.unknowns()), findings,
                    accepted, outcome.notes());
        }
        return result(info, Status.PASS, summary, null, findings, accepted, outcome.notes());
    }

    private static ControlResult result(ControlInfo info, Status status, String summary, String reason,
                                        List<Finding> findings, int accepted, List<String> notes) {
        String s = summary != null ? summary : reason != null ? reason : status.name();
        return new ControlResult(info.id(), info.title(), info.level(), status, s, reason, findings, accepted, notes);
    }

    private static List<Finding> applyExceptions(ControlInfo info, TenantView tenant, Config config,
                                                 List<Outcome.RawFinding> raw) {
        Instant at = tenant.collectedAt();
        Map<String, Finding> byId = new LinkedHashMap<>();
        for (Outcome.RawFinding r : raw) {
            String id = findingId(tenant.tenantId(), info.id(), r.objectType(), r.objectId(), r.rule());
            if (byId.containsKey(id)) {
                continue; // the same problem reported twice (e.g. two audit entries): one finding
            }
            Optional<AcceptedRisk> live = Optional.empty();
            Optional<AcceptedRisk> expired = Optional.empty();
            for (AcceptedRisk e : config.exceptions()) {
                if (!e.control().equals(info.id()) || !("*".equals(e.tenant())
                        || e.tenant().equalsIgnoreCase(tenant.tenantId()))) {
                    continue;
                }
                boolean matches = e.wholeControl()
                        || e.objects().stream().anyMatch(o -> r.keys().contains(o.toLowerCase(Locale.ROOT)));
                if (!matches) {
                    continue;
                }
                if (isLive(e, at)) {
                    live = live.isPresent() ? live : Optional.of(e);
                } else {
                    expired = expired.isPresent() ? expired : Optional.of(e);
                }
            }
            byId.put(id, new Finding(id, r.objectType(), r.objectId(), r.objectName(), r.rule(), r.detail(),
                    live.isPresent(), live.map(Evaluator::ref).orElse(null),
                    live.isPresent() ? null : expired.map(Evaluator::ref).orElse(null)));
        }
        List<Finding> findings = new ArrayList<>(byId.values());
        findings.sort(FINDING_ORDER);
        return findings;
    }

    /** Live through the end of its {@code expires} date (UTC), compared with the snapshot's collectedAt. */
    static boolean isLive(AcceptedRisk e, Instant collectedAt) {
        return collectedAt.isBefore(e.expires().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static ExceptionRef ref(AcceptedRisk e) {
        return new ExceptionRef(e.reason(), e.approvedBy(), e.expires());
    }

    /** Stable from run to run: the same tenant, control, object and rule give the same id. */
    public static String findingId(String tenantId, String controlId, String objectType, String objectId, String rule) {
        String key = String.join("\n", lower(tenantId), controlId, objectType, lower(objectId), rule);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
