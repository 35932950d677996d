package io.cspguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cspguard.config.ConfigLoader;
import io.cspguard.eval.Assessor;
import io.cspguard.result.Assessment;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Status;
import io.cspguard.result.TenantResult;
import io.cspguard.snapshot.SnapshotInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled example against its expected results, which were derived by hand from controls.md, independently of
 * the code (examples/expected-statuses.json): every status and every named object.
 */
class ExampleRegressionTest {
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static Assessment assessment;
    private static JsonNode expected;

    @BeforeAll
    static void assess() throws Exception {
        assessment = new Assessor(ConfigLoader.load(EXAMPLES.resolve("cspguard.yaml")))
                .assess(SnapshotInput.open(EXAMPLES.resolve("contoso-partner")), Set.of(), "test");
        expected = new ObjectMapper().readTree(EXAMPLES.resolve("expected-statuses.json").toFile());
    }

    @Test
    void everyResultMatchesTheHandDerivedExpectation() {
        List<String> mismatches = new ArrayList<>();
        for (TenantResult t : assessment.tenants()) {
            JsonNode tenant = expected.get(t.tenantId());
            assertThat(tenant).as("expectations for " + t.tenantId()).isNotNull();
            assertThat(t.results()).hasSize(tenant.size());
            for (ControlResult r : t.results()) {
                JsonNode e = tenant.get(r.controlId());
                if (e == null) {
                    mismatches.add(t.displayName() + " " + r.controlId() + ": no expectation");
                    continue;
                }
                if (!e.get("status").asText().equals(r.status().name())) {
                    mismatches.add(t.displayName() + " " + r.controlId() + ": expected " + e.get("status").asText()
                            + ", got " + r.status() + " (" + r.summary() + " / " + r.reason() + ")");
                }
                compare(t, r, e, "objects", false, mismatches);
                compare(t, r, e, "acceptedObjects", true, mismatches);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static void compare(TenantResult t, ControlResult r, JsonNode e, String key, boolean accepted,
                                List<String> mismatches) {
        if (!e.has(key)) {
            return;
        }
        Set<String> want = new TreeSet<>();
        e.get(key).forEach(n -> want.add(n.asText().toLowerCase()));
        Set<String> got = r.findings().stream().filter(f -> f.accepted() == accepted).map(Finding::objectId)
                .map(String::toLowerCase).collect(Collectors.toCollection(TreeSet::new));
        if (!want.equals(got)) {
            mismatches.add(t.displayName() + " " + r.controlId() + " " + key + ": expected " + want + ", got " + got);
        }
    }

    @Test
    void everyStatusAppearsInTheExample() {
        Set<Status> seen = assessment.tenants().stream().flatMap(t -> t.results().stream()).map(ControlResult::status)
                .collect(Collectors.toSet());
        assertThat(seen).containsExactlyInAnyOrder(Status.values());
    }

    @Test
    void partnerComesFirstThenTenantsById() {
        assertThat(assessment.tenants().get(0).role()).isEqualTo("partner");
        List<String> customers = assessment.tenants().stream().skip(1).map(TenantResult::tenantId).toList();
        assertThat(customers).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
    }

    @Test
    void theSameEvidenceGivesTheSameFindingIds() throws Exception {
        Assessment again = new Assessor(ConfigLoader.load(EXAMPLES.resolve("cspguard.yaml")))
                .assess(SnapshotInput.open(EXAMPLES.resolve("contoso-partner")), Set.of(), "test");
        assertThat(ids(again)).isEqualTo(ids(assessment)).isNotEmpty();
        assertThat(again.inputSha256()).isEqualTo(assessment.inputSha256());
    }

    private static List<String> ids(Assessment a) {
        return a.tenants().stream().flatMap(t -> t.results().stream()).flatMap(r -> r.findings().stream())
                .map(Finding::findingId).toList();
    }
}
