package io.cspguard.web.e2e;

import io.cspguard.config.Config;
import io.cspguard.config.ConfigLoader;
import io.cspguard.controls.OwnRecords;
import io.cspguard.eval.Assessor;
import io.cspguard.result.Assessment;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Status;
import io.cspguard.result.TenantResult;
import io.cspguard.sim.generate.GeneratorOptions;
import io.cspguard.sim.generate.WorldGenerator;
import io.cspguard.sim.world.World;
import io.cspguard.sim.world.WorldSnapshotWriter;
import io.cspguard.snapshot.SnapshotInput;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Real assessments, made by CSP Guard's own assessor: of the bundled example, and of a simulated world. */
public final class Assessments {
    static final Path EXAMPLES = Path.of("..", "examples");

    private Assessments() {
    }

    /** The bundled example (examples/contoso-partner with examples/cspguard.yaml). */
    public static Assessment example() throws Exception {
        return new Assessor(ConfigLoader.load(EXAMPLES.resolve("cspguard.yaml")))
                .assess(SnapshotInput.open(EXAMPLES.resolve("contoso-partner")), Set.of(), "e2e");
    }

    /**
     * A simulated world written to {@code folder} and assessed from its {@code world/} (what a perfect collector
     * writes), with the configuration the world assumes. {@code hostile}: the simulator's hostile scenario, whose
     * payloads live in the world's data (tenant, user, group, app and policy names).
     */
    public static Assessment world(long seed, int customers, boolean hostile, Path folder) throws Exception {
        GeneratorOptions options = GeneratorOptions.of(seed, customers).withMaxUsers(40).withSignInsPerUser(2)
                .withHostile(hostile);
        World world = new WorldGenerator(2).generate(options);
        new WorldSnapshotWriter(2).write(world, folder);
        Config config = ConfigLoader.load(folder.resolve(WorldSnapshotWriter.CONFIG));
        return new Assessor(config, OwnRecords.NONE, Clock.fixed(world.worldTime(), ZoneOffset.UTC), 2)
                .assess(SnapshotInput.open(folder.resolve(WorldSnapshotWriter.WORLD)), Set.of(), "e2e");
    }

    /** The first open finding (FAIL or WARN, not accepted) of a tenant, if any. */
    public static Optional<Finding> openFinding(TenantResult t) {
        return t.results().stream().filter(r -> r.status() == Status.FAIL || r.status() == Status.WARN)
                .flatMap(r -> r.findings().stream()).filter(f -> !f.accepted()).findFirst();
    }

    /** The same assessment with one tenant's display name changed. */
    public static Assessment renameTenant(Assessment a, String tenantId, UnaryOperator<String> rename) {
        List<TenantResult> tenants = new ArrayList<>();
        for (TenantResult t : a.tenants()) {
            tenants.add(!t.tenantId().equals(tenantId) ? t : new TenantResult(t.tenantId(),
                    rename.apply(t.displayName()), t.role(), t.licence(), t.collectedAt(), t.results(), t.problems()));
        }
        return with(a, tenants);
    }

    /** The same assessment with one finding's object name and detail changed (its id, and so its lifecycle, kept). */
    public static Assessment changeFinding(Assessment a, String findingId, UnaryOperator<String> objectName,
                                           UnaryOperator<String> detail) {
        List<TenantResult> tenants = new ArrayList<>();
        for (TenantResult t : a.tenants()) {
            List<ControlResult> results = new ArrayList<>();
            for (ControlResult r : t.results()) {
                List<Finding> findings = r.findings().stream().map(f -> !f.findingId().equals(findingId) ? f
                        : new Finding(f.findingId(), f.objectType(), f.objectId(), objectName.apply(f.objectName()),
                        f.rule(), detail.apply(f.detail()), f.accepted(), f.exception(), f.expiredException())).toList();
                results.add(new ControlResult(r.controlId(), r.title(), r.level(), r.status(), r.summary(), r.reason(),
                        findings, r.acceptedCount(), r.notes()));
            }
            tenants.add(new TenantResult(t.tenantId(), t.displayName(), t.role(), t.licence(), t.collectedAt(), results,
                    t.problems()));
        }
        return with(a, tenants);
    }

    private static Assessment with(Assessment a, List<TenantResult> tenants) {
        return new Assessment(a.schemaVersion(), a.generatedAt(), a.partnerTenantId(), a.toolName(), a.toolVersion(),
                a.inputPath(), a.inputSha256(), a.inputFileCount(), a.configHash(), tenants);
    }
}
