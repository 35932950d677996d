package io.cspguard.sim.generate;

import io.cspguard.config.Config;
import io.cspguard.config.ConfigLoader;
import io.cspguard.controls.OwnRecords;
import io.cspguard.eval.Assessor;
import io.cspguard.result.Assessment;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Status;
import io.cspguard.result.TenantResult;
import io.cspguard.sim.world.Planted;
import io.cspguard.sim.world.SimTenant;
import io.cspguard.sim.world.World;
import io.cspguard.sim.world.WorldSnapshotWriter;
import io.cspguard.snapshot.Licences;
import io.cspguard.snapshot.SnapshotInput;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A written world assessed by CSP Guard's own assessor, and the checks that compare it with what was planted. */
final class WorldAssessment {
    final World world;
    final Path folder;
    final Assessment assessment;
    final Map<String, ControlResult> results = new LinkedHashMap<>();
    final Map<String, Set<String>> plantedIds = new LinkedHashMap<>();

    private WorldAssessment(World world, Path folder, Assessment assessment) {
        this.world = world;
        this.folder = folder;
        this.assessment = assessment;
        for (TenantResult t : assessment.tenants()) {
            for (ControlResult r : t.results()) {
                results.put(key(t.tenantId(), r.controlId()), r);
            }
        }
        for (Planted p : world.planted()) {
            Set<String> ids = plantedIds.computeIfAbsent(key(p.tenantId(), p.controlId()), k -> new TreeSet<>());
            p.objectIds().forEach(id -> ids.add(id.toLowerCase(Locale.ROOT)));
        }
    }

    static WorldAssessment of(GeneratorOptions options, Path folder) throws Exception {
        World world = new WorldGenerator(2).generate(options);
        new WorldSnapshotWriter(2).write(world, folder);
        Config config = ConfigLoader.load(folder.resolve(WorldSnapshotWriter.CONFIG));
        SnapshotInput input = SnapshotInput.open(folder.resolve(WorldSnapshotWriter.WORLD));
        Assessment a = new Assessor(config, OwnRecords.NONE, Clock.fixed(world.worldTime(), ZoneOffset.UTC), 2)
                .assess(input, Set.of(), "test");
        return new WorldAssessment(world, folder, a);
    }

    static String key(String tenantId, String controlId) {
        return tenantId.toLowerCase(Locale.ROOT) + "|" + controlId;
    }

    static Set<String> openObjects(ControlResult r) {
        Set<String> ids = new TreeSet<>();
        for (Finding f : r.findings()) {
            if (!f.accepted()) {
                ids.add(f.objectId().toLowerCase(Locale.ROOT));
            }
        }
        return ids;
    }

    Licences.Tier tier(String tenantId) {
        return world.tenant(tenantId).map(SimTenant::licence).orElseThrow();
    }

    /** Every planted violation reported: FAIL or WARN, naming every planted object among its open findings. */
    List<String> missedPlants() {
        List<String> problems = new ArrayList<>();
        for (Planted p : world.planted()) {
            ControlResult r = results.get(key(p.tenantId(), p.controlId()));
            if (r == null) {
                problems.add(p.controlId() + " in " + p.tenantId() + ": no result (" + p.note() + ")");
                continue;
            }
            if (r.status() != Status.FAIL && r.status() != Status.WARN) {
                problems.add(p.controlId() + " in " + p.tenantId() + " (" + tier(p.tenantId()) + "): " + r.status()
                        + " though planted: " + p.note() + " — " + r.summary() + " " + r.reason());
                continue;
            }
            Set<String> open = openObjects(r);
            for (String id : p.objectIds()) {
                if (!open.contains(id.toLowerCase(Locale.ROOT))) {
                    problems.add(p.controlId() + " in " + p.tenantId() + " (" + tier(p.tenantId()) + "): "
                            + id + " not named (" + p.note() + "); named: " + open);
                }
            }
        }
        return problems;
    }

    /** Every FAIL/WARN explained by what was planted: no object named that planted.json does not list. */
    List<String> unplantedFindings() {
        List<String> problems = new ArrayList<>();
        for (TenantResult t : assessment.tenants()) {
            for (ControlResult r : t.results()) {
                if (r.status() != Status.FAIL && r.status() != Status.WARN) {
                    continue;
                }
                Set<String> planted = plantedIds.getOrDefault(key(t.tenantId(), r.controlId()), Set.of());
                Set<String> extra = new LinkedHashSet<>(openObjects(r));
                extra.removeAll(planted);
                if (!extra.isEmpty() || (planted.isEmpty() && openObjects(r).isEmpty())) {
                    List<String> details = r.findings().stream().filter(f -> extra.contains(
                            f.objectId().toLowerCase(Locale.ROOT))).map(f -> f.objectName() + ": " + f.detail())
                            .toList();
                    problems.add(r.controlId() + " in " + t.tenantId() + " (" + t.licence() + ") " + r.status()
                            + " names unplanted " + extra + " " + details + " — " + r.summary());
                }
            }
        }
        return problems;
    }

    /** NOT_ASSESSED results, but the ones a snapshot cannot avoid. */
    List<String> unexpectedNotAssessed() {
        List<String> problems = new ArrayList<>();
        for (TenantResult t : assessment.tenants()) {
            boolean free = !"Entra ID P1".equals(t.licence()) && !"Entra ID P2".equals(t.licence());
            for (ControlResult r : t.results()) {
                if (r.status() != Status.NOT_ASSESSED) {
                    continue;
                }
                boolean expected = r.controlId().equals("CSP.PRIV.9")
                        // without P1 there is no signInActivity, and sign-ins cannot be read
                        || (free && (r.controlId().equals("CSP.PRIV.4") || r.controlId().equals("CSP.MON.5")));
                if (!expected) {
                    problems.add(r.controlId() + " in " + t.tenantId() + " (" + t.licence() + "): NOT_ASSESSED — "
                            + r.reason());
                }
            }
        }
        return problems;
    }

    Map<String, Status> statuses() {
        Map<String, Status> out = new LinkedHashMap<>();
        results.forEach((k, r) -> out.put(k, r.status()));
        return out;
    }
}
