package io.cspguard.runs;

import io.cspguard.config.Config;
import io.cspguard.config.ConfigLoader;
import io.cspguard.controls.OwnRecords;
import io.cspguard.eval.Assessor;
import io.cspguard.result.Assessment;
import io.cspguard.result.TenantResult;
import io.cspguard.snapshot.SnapshotInput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bundled example assessed in two shards (partner + one customer, partner + two) and merged. */
class ShardMergeTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC);
    private static final Instant MERGED_AT = Instant.parse("2026-11-21T09:30:00Z");

    private static Assessment whole;
    private static Assessment first;
    private static Assessment second;

    @BeforeAll
    static void assessInShards() throws Exception {
        whole = assess(Set.of());
        String partner = whole.tenants().get(0).tenantId();
        List<String> customers = whole.tenants().stream().skip(1).map(TenantResult::tenantId).toList();
        assertThat(customers).hasSize(3);
        // the later customers in the first shard: the merge must put them back in order
        first = assess(Set.of(partner, customers.get(2)));
        second = assess(Set.of(partner, customers.get(0), customers.get(1)));
    }

    @Test
    void theMergedShardsHoldEveryTenantExactlyAsOneAssessment() {
        Assessment merged = ShardMerge.merge(List.of(first, second), MERGED_AT, "/data/snapshots/run-7");

        assertThat(merged.tenants()).isEqualTo(whole.tenants());
        assertThat(merged.generatedAt()).isEqualTo(MERGED_AT);
        assertThat(merged.inputPath()).isEqualTo("/data/snapshots/run-7");
        assertThat(merged.configHash()).isEqualTo(whole.configHash());
        assertThat(merged.partnerTenantId()).isEqualTo(whole.partnerTenantId());
        assertThat(merged.inputFileCount()).isEqualTo(first.inputFileCount() + second.inputFileCount());
        assertThat(merged.inputSha256()).isEqualTo(sha256(first.inputSha256() + "\n" + second.inputSha256() + "\n"));
    }

    @Test
    void shardsAssessedWithAnotherConfigurationDoNotMerge() {
        Assessment otherYaml = new Assessment(second.schemaVersion(), second.generatedAt(), second.partnerTenantId(),
                second.toolName(), second.toolVersion(), second.inputPath(), second.inputSha256(),
                second.inputFileCount(), "0".repeat(64), second.tenants());
        assertThatThrownBy(() -> ShardMerge.merge(List.of(first, otherYaml), MERGED_AT, "x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("shard 1")
                .hasMessageContaining("config hash");
    }

    @Test
    void aCustomerInTwoShardsDoesNotMerge() {
        assertThatThrownBy(() -> ShardMerge.merge(List.of(second, second), MERGED_AT, "x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("in two shards");
    }

    @Test
    void customersAreSplitInDiscoveryOrderIntoShardsOfAtMostTheSize() {
        assertThat(ShardedRun.split(List.of("a", "b", "c", "d", "e"), 2))
                .containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e"));
        assertThat(ShardedRun.split(List.of("a", "b"), 2)).containsExactly(List.of("a", "b"));
    }

    private static Assessment assess(Set<String> only) throws Exception {
        Config config = ConfigLoader.load(ExampleSource.EXAMPLE_CONFIG);
        return new Assessor(config, OwnRecords.NONE, CLOCK, 2).assess(SnapshotInput.open(ExampleSource.EXAMPLE), only,
                "test");
    }

    private static String sha256(String text) throws RuntimeException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
