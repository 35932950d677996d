package io.cspguard.bench;

import io.cspguard.controls.Control;
import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.ControlRegistry;
import io.cspguard.controls.LicenceRequirement;
import io.cspguard.eval.Evaluator;
import io.cspguard.result.Assessment;
import io.cspguard.result.ControlResult;
import io.cspguard.result.ExceptionRef;
import io.cspguard.result.Finding;
import io.cspguard.result.Status;
import io.cspguard.result.TenantResult;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Synthetic assessments for the store and dashboard benchmarks: a partner and customers, each with a result for every
 * control of the catalog (the issue's size, 1,000 × 26, ignores scope on purpose: it is the worst case) and 20–60
 * findings, of which about one in twelve appears or disappears from one run to the next, so that runs open, resolve
 * and reopen findings. Everything is derived from the seed, the tenant and the run: the same arguments give the same
 * assessment, and a tenant's name, licence and candidate findings stay the same across runs.
 */
public final class StoreBenchmark {
    /** When run 1 of {@link #syntheticAssessment(int, int, long)} was generated; later runs a day apart. */
    public static final Instant FIRST_RUN = Instant.parse("2026-11-01T06:00:00Z");

    private static final List<ControlInfo> CONTROLS = ControlRegistry.all().stream().map(Control::info).toList();
    private static final double FLIP_PER_RUN = 0.08;
    private static final double MISSING_TENANT = 0.005;
    private static final double NOT_ASSESSED = 0.01;
    private static final double ACCEPTED = 0.05;

    private StoreBenchmark() {
    }

    /** Run {@code run} (1, 2, …) of a partner with {@code tenants} tenants (the partner included). */
    public static Assessment syntheticAssessment(int tenants, int run, long seed) {
        return syntheticAssessment(tenants, run, seed, FIRST_RUN.plus(Duration.ofDays(run - 1L)));
    }

    /** The same, generated at a time of the caller's choosing (a benchmark that wants recent dates). */
    public static Assessment syntheticAssessment(int tenants, int run, long seed, Instant generatedAt) {
        if (tenants < 1 || run < 1) {
            throw new IllegalArgumentException("need at least one tenant and run 1 or later, got " + tenants
                    + " tenants, run " + run);
        }
        String partnerId = tenantId(seed, 0);
        List<TenantResult> results = new ArrayList<>(tenants);
        for (int t = 0; t < tenants; t++) {
            // a customer whose collection failed this run is absent, as in a real partial run; never the partner
            if (t > 0 && random(seed, t, run, 1).nextDouble() < MISSING_TENANT) {
                continue;
            }
            results.add(tenant(seed, t, run, generatedAt));
        }
        results.sort(TenantResult.REPORT_ORDER);
        byte[] sha = new byte[32];
        random(seed, run, 0, 2).nextBytes(sha);
        return new Assessment(1, generatedAt, partnerId, "cspguard", "bench", "synthetic/run-" + run,
                HexFormat.of().formatHex(sha), tenants * 12, "0".repeat(64), results);
    }

    private static TenantResult tenant(long seed, int t, int run, Instant generatedAt) {
        String id = tenantId(seed, t);
        SplittableRandom facts = random(seed, t, 0, 3);
        String name = t == 0 ? "Contoso Cloud Partners Ltd" : SyntheticNames.company(facts);
        String domain = SyntheticNames.domain(name, id);
        String licence = facts.nextDouble() < 0.6 ? "P2" : facts.nextDouble() < 0.8 ? "P1" : "free";
        List<Candidate> candidates = candidates(seed, t, id, domain);
        List<ControlResult> results = new ArrayList<>(CONTROLS.size());
        for (int c = 0; c < CONTROLS.size(); c++) {
            results.add(result(seed, t, run, CONTROLS.get(c), c, licence, candidates));
        }
        List<String> problems = random(seed, t, run, 4).nextDouble() < 0.02
                ? List.of("signIns.json: 3 pages could not be read (HTTP 504)") : List.of();
        return new TenantResult(id, name, t == 0 ? "partner" : "customer", licence,
                generatedAt.minus(Duration.ofMinutes(5 + t % 50)), results, problems);
    }

    private static ControlResult result(long seed, int t, int run, ControlInfo info, int c, String licence,
                                        List<Candidate> candidates) {
        if (info.licence() == LicenceRequirement.P2 && !licence.equals("P2")) {
            return new ControlResult(info.id(), info.title(), info.level(), Status.NOT_APPLICABLE,
                    info.licence().whyNotApplicable(), info.licence().whyNotApplicable(), List.of(), 0, List.of());
        }
        if (random(seed, t, run, 100 + c).nextDouble() < NOT_ASSESSED) {
            String why = "auditLogs.json is missing: the collection could not read the directory audit log";
            return new ControlResult(info.id(), info.title(), info.level(), Status.NOT_ASSESSED, why, why, List.of(), 0,
                    List.of());
        }
        List<Finding> findings = new ArrayList<>();
        for (Candidate k : candidates) {
            if (k.control() == c && k.presentIn(run)) {
                findings.add(k.finding());
            }
        }
        findings.sort(Comparator.comparing(Finding::objectName));
        int accepted = (int) findings.stream().filter(Finding::accepted).count();
        int open = findings.size() - accepted;
        Status status = open > 0 ? info.level().unmet() : Status.PASS;
        String summary = open > 0 ? open + " " + (open == 1 ? "object breaks" : "objects break") + " the control"
                : accepted > 0 ? "met, with " + accepted + " accepted exception(s)" : "met";
        return new ControlResult(info.id(), info.title(), info.level(), status, summary, null, findings, accepted,
                List.of());
    }

    /**
     * The findings a tenant could have: 30–90 candidates, each present in about two runs of three, so that a tenant
     * shows 20–60 of them in any one run.
     */
    private static List<Candidate> candidates(long seed, int t, String tenantId, String domain) {
        SplittableRandom r = random(seed, t, 0, 5);
        int count = 30 + r.nextInt(61);
        int[] weakControls = r.ints(8, 0, CONTROLS.size()).toArray();
        List<Candidate> out = new ArrayList<>(count);
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int k = 0; k < count; k++) {
            int c = weakControls[r.nextInt(weakControls.length)];
            ControlInfo info = CONTROLS.get(c);
            String person = SyntheticNames.person(r);
            String objectType = objectType(info.id());
            String objectId = objectType.equals("tenant") ? tenantId : new UUID(r.nextLong(), r.nextLong()).toString();
            String name = switch (objectType) {
                case "user" -> SyntheticNames.upn(person, k, domain);
                case "relationship" -> "GDAP " + person.split(" ")[1] + " support " + k;
                case "application", "servicePrincipal" -> person.split(" ")[1] + " Sync Connector " + k;
                default -> domain;
            };
            String rule = rule(info.id());
            boolean accepted = r.nextDouble() < ACCEPTED;
            Finding f = new Finding(Evaluator.findingId(tenantId, info.id(), objectType, objectId, rule), objectType,
                    objectId, name, rule, detail(info.id(), name), accepted,
                    accepted ? new ExceptionRef("service account, compensating control in place", "approver@" + domain,
                            LocalDate.parse("2027-06-30")) : null, null);
            boolean base = r.nextDouble() < 2.0 / 3;
            if (ids.add(f.findingId())) { // a tenant-wide finding drawn twice for one control is one finding
                out.add(new Candidate(seed, t, k, c, base, f));
            }
        }
        return out;
    }

    /** A candidate finding: present at first or not, and flipped in some runs (new, resolved, back again). */
    private record Candidate(long seed, int tenant, int index, int control, boolean base, Finding finding) {
        boolean presentIn(int run) {
            return base ^ (random(seed, tenant, run, 10_000 + index).nextDouble() < FLIP_PER_RUN);
        }
    }

    private static String objectType(String controlId) {
        return switch (controlId) {
            case "CSP.PRIV.8", "CSP.PRIV.9", "CSP.PRIV.10", "CSP.MON.5" -> "relationship";
            case "CSP.MON.1" -> "servicePrincipal";
            case "CSP.APP.1" -> "application";
            case "CSP.MON.2", "CSP.ISO.1" -> "tenant";
            default -> "user";
        };
    }

    private static String rule(String controlId) {
        return switch (controlId.split("\\.")[1]) {
            case "MFA" -> "not-covered";
            case "PRIV" -> "standing-access";
            case "ISO" -> "shared-account";
            case "DEV" -> "unmanaged-device";
            case "MON" -> "not-reviewed";
            default -> "legacy-api";
        };
    }

    private static String detail(String controlId, String name) {
        return switch (controlId.split("\\.")[1]) {
            case "MFA" -> name + " is excluded from policy 'Require MFA for all users' by group 'Legacy sync'";
            case "PRIV" -> name + " holds Global Administrator permanently (assigned 2024-03-11, never activated)";
            case "ISO" -> name + " signs in to the partner tenant and to internal IT";
            case "DEV" -> "7 sign-ins of " + name + " in 30 days from a device that is neither compliant nor joined";
            case "MON" -> name + ": no review recorded in the last 90 days";
            default -> name + " still calls graph.windows.net (Azure AD Graph)";
        };
    }

    private static String tenantId(long seed, int t) {
        SplittableRandom r = random(seed, t, 0, 6);
        return new UUID(r.nextLong(), r.nextLong()).toString();
    }

    /** An independent stream for each (seed, tenant, run, purpose): generation order never changes the data. */
    private static SplittableRandom random(long seed, int tenant, int run, int purpose) {
        long h = seed * 0x9E3779B97F4A7C15L;
        h = (h ^ tenant) * 0xBF58476D1CE4E5B9L;
        h = (h ^ run) * 0x94D049BB133111EBL;
        h = (h ^ purpose) * 0x9E3779B97F4A7C15L;
        return new SplittableRandom(h ^ (h >>> 31));
    }
}
