package io.cspguard.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cspguard.controls.Control;
import io.cspguard.controls.ControlRegistry;
import io.cspguard.result.Assessment;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Status;
import io.cspguard.result.TenantResult;
import io.cspguard.snapshot.TenantRole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Customers a run could not collect at all — listed in {@code collection.json}'s {@code failedTenants} (no folder:
 * no token could be had), or planned for a shard that came back without them — enter the stored run as tenants whose
 * every customer control is {@code NOT_ASSESSED} with the reason. Without this they would vanish from the overview
 * instead of standing out, and nothing would say why; their open findings stay open either way (a run that did not
 * judge a tenant resolves nothing of it).
 */
final class FailedTenants {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FailedTenants() {
    }

    /** The assessment of a collected snapshot plus its {@code failedTenants}. */
    static Assessment addCollectionFailures(Assessment a, Path snapshot) throws IOException {
        Path index = snapshot.resolve("collection.json");
        if (!Files.isRegularFile(index)) {
            return a;
        }
        JsonNode failed = JSON.readTree(index.toFile()).path("failedTenants");
        Map<String, String> reasons = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = failed.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            reasons.put(e.getKey(), "the tenant could not be collected: " + e.getValue().asText());
        }
        return add(a, reasons);
    }

    /** The merged assessment plus every planned customer that no shard's result holds. */
    static Assessment addMissing(Assessment a, List<String> planned) {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (String id : planned) {
            reasons.put(id, "the tenant was planned for this run but is in no shard's result");
        }
        return add(a, reasons);
    }

    private static Assessment add(Assessment a, Map<String, String> reasons) {
        Set<String> present = a.tenants().stream().map(t -> t.tenantId().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        List<TenantResult> tenants = new ArrayList<>(a.tenants());
        reasons.forEach((id, reason) -> {
            if (!present.contains(id.toLowerCase(Locale.ROOT))) {
                tenants.add(notCollected(id, reason, a.generatedAt()));
                present.add(id.toLowerCase(Locale.ROOT));
            }
        });
        if (tenants.size() == a.tenants().size()) {
            return a;
        }
        tenants.sort(TenantResult.REPORT_ORDER);
        return new Assessment(a.schemaVersion(), a.generatedAt(), a.partnerTenantId(), a.toolName(), a.toolVersion(),
                a.inputPath(), a.inputSha256(), a.inputFileCount(), a.configHash(), tenants);
    }

    private static TenantResult notCollected(String tenantId, String reason, Instant at) {
        List<ControlResult> results = new ArrayList<>();
        for (Control c : ControlRegistry.all()) {
            if (c.info().scope().includes(TenantRole.CUSTOMER)) {
                results.add(new ControlResult(c.info().id(), c.info().title(), c.info().level(), Status.NOT_ASSESSED,
                        "not assessed: the tenant was not collected", reason, List.of(), 0, List.of()));
            }
        }
        return new TenantResult(tenantId, tenantId, TenantRole.CUSTOMER.json(), "unknown", at, results, List.of(reason));
    }
}
