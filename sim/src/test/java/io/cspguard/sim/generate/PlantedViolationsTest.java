package io.cspguard.sim.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.config.AcceptedRisk;
import io.cspguard.config.ConfigLoader;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Status;
import io.cspguard.sim.world.Planted;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The key test: CSP Guard's assessment of {@code world/}, with the written {@code cspguard.yaml}, reports every planted
 * violation (FAIL or WARN, naming every planted object), and nothing else fails: the unplanted parts are compliant.
 */
class PlantedViolationsTest {

    @ParameterizedTest(name = "seed {0}, {1} customers, violation rate {2}")
    @CsvSource({"1, 5, 0.3", "2, 5, 0.3", "3, 20, 0.3", "4, 8, 0.9", "5, 12, 1.0"})
    void everyPlantedViolationIsReportedAndNothingElse(long seed, int customers, double rate, @TempDir Path dir)
            throws Exception {
        WorldAssessment w = WorldAssessment.of(GeneratorOptions.of(seed, customers).withViolationRate(rate), dir);

        assertThat(w.missedPlants()).as("planted violations the assessment missed").isEmpty();
        assertThat(w.unplantedFindings()).as("failures nobody planted").isEmpty();
        assertThat(w.unexpectedNotAssessed()).as("controls that could not decide").isEmpty();
    }

    @Test
    void everyControlASnapshotCanDecideGetsAViolation(@TempDir Path dir) throws Exception {
        WorldAssessment w = WorldAssessment.of(GeneratorOptions.of(11, 6), dir);

        Set<String> planted = w.world.planted().stream().map(Planted::controlId).collect(Collectors.toCollection(
                TreeSet::new));
        Set<String> expected = new TreeSet<>(Plants.ORDER);
        expected.add(Plants.MON_2);
        assertThat(planted).containsAll(expected).doesNotContain("CSP.PRIV.9");
    }

    @Test
    void aCleanWorldFailsOnlyWhereALicenceMakesItInevitable(@TempDir Path dir) throws Exception {
        WorldAssessment w = WorldAssessment.of(GeneratorOptions.of(21, 10).withViolationRate(0), dir);

        assertThat(w.world.planted()).allSatisfy(p -> assertThat(p.controlId()).isIn("CSP.MON.2", "CSP.MFA.4"));
        assertThat(w.missedPlants()).isEmpty();
        assertThat(w.unplantedFindings()).isEmpty();
        assertThat(w.unexpectedNotAssessed()).isEmpty();
        assertThat(w.world.configYaml()).contains("exceptions: []");
    }

    @Test
    void theLiveExceptionAcceptsItsFindingAndTheExpiredOneDoesNot(@TempDir Path dir) throws Exception {
        WorldAssessment w = WorldAssessment.of(GeneratorOptions.of(31, 4), dir);
        List<AcceptedRisk> exceptions = ConfigLoader.load(dir.resolve("cspguard.yaml")).exceptions();
        LocalDate today = LocalDate.ofInstant(w.world.worldTime(), ZoneOffset.UTC);

        assertThat(exceptions).hasSize(2);
        AcceptedRisk live = exceptions.stream().filter(e -> e.expires().isAfter(today)).findFirst().orElseThrow();
        AcceptedRisk expired = exceptions.stream().filter(e -> e.expires().isBefore(today)).findFirst().orElseThrow();

        ControlResult accepted = w.results.get(WorldAssessment.key(live.tenant(), live.control()));
        assertThat(accepted.findings()).anySatisfy(f -> {
            assertThat(f.objectId()).isEqualTo(live.objects().get(0));
            assertThat(f.accepted()).isTrue();
            assertThat(f.exception()).isNotNull();
        });
        assertThat(w.world.planted()).noneMatch(p -> p.objectIds().contains(live.objects().get(0)));

        ControlResult counted = w.results.get(WorldAssessment.key(expired.tenant(), expired.control()));
        assertThat(counted.status()).isEqualTo(Status.FAIL);
        assertThat(counted.findings()).anySatisfy(f -> {
            assertThat(f.objectId()).isEqualTo(expired.objects().get(0));
            assertThat(f.accepted()).isFalse();
            assertThat(f.expiredException()).isNotNull();
        });
        assertThat(w.world.planted()).anyMatch(p -> p.objectIds().contains(expired.objects().get(0)));
    }
}
