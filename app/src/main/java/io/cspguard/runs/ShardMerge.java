package io.cspguard.runs;

import io.cspguard.result.Assessment;
import io.cspguard.result.TenantResult;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shards of a run, each an assessment of the partner and some customers, made into the run's one assessment:
 * the partner's results from the first shard (every shard assessed the same partner), every customer's from its
 * shard, in the order of one assessment (partner first, then by id).
 */
final class ShardMerge {
    private ShardMerge() {
    }

    /**
     * @param shards      in shard order, at least one
     * @param generatedAt when the merge happened
     * @param inputPath   the run's snapshot folder (the shards' folders are under it, on the servers that took them)
     * @throws IllegalStateException when the shards cannot make one run: assessed with another {@code cspguard.yaml}
     *                               or another version of CSP Guard, of another partner, or a customer twice
     */
    static Assessment merge(List<Assessment> shards, Instant generatedAt, String inputPath) {
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("no shards to merge");
        }
        Assessment first = shards.get(0);
        TenantResult partner = null;
        Map<String, TenantResult> customers = new TreeMap<>();
        MessageDigest inputs = sha256();
        int files = 0;
        for (int i = 0; i < shards.size(); i++) {
            Assessment shard = shards.get(i);
            same(i, "cspguard.yaml (config hash)", first.configHash(), shard.configHash());
            same(i, "CSP Guard version", first.toolVersion(), shard.toolVersion());
            same(i, "partner tenant", first.partnerTenantId(), shard.partnerTenantId());
            for (TenantResult t : shard.tenants()) {
                if ("partner".equals(t.role())) {
                    partner = partner == null ? t : partner;
                } else if (customers.putIfAbsent(t.tenantId().toLowerCase(Locale.ROOT), t) != null) {
                    throw new IllegalStateException("customer " + t.tenantId() + " is in two shards");
                }
            }
            inputs.update((shard.inputSha256() + "\n").getBytes(StandardCharsets.US_ASCII));
            files += shard.inputFileCount();
        }
        List<TenantResult> tenants = new ArrayList<>();
        if (partner != null) {
            tenants.add(partner);
        }
        customers.values().stream().sorted(TenantResult.REPORT_ORDER)
                .forEach(tenants::add);
        return new Assessment(first.schemaVersion(), generatedAt, first.partnerTenantId(), first.toolName(),
                first.toolVersion(), inputPath, HexFormat.of().formatHex(inputs.digest()), files, first.configHash(),
                tenants);
    }

    private static void same(int shard, String what, String expected, String actual) {
        if (!java.util.Objects.equals(expected, actual)) {
            throw new IllegalStateException("shard " + shard + " was assessed with another " + what + " than shard 0 ("
                    + actual + " instead of " + expected + "): the servers sharing this database must run the same "
                    + "version with the same configuration");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
