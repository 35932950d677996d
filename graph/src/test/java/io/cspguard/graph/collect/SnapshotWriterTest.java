package io.cspguard.graph.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cspguard.graph.http.FileOutput;
import io.cspguard.snapshot.InputException;
import io.cspguard.snapshot.SnapshotInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotWriterTest {
    static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");
    static final String P = "11111111-1111-1111-1111-111111111111";
    static final String C = "22222222-2222-2222-2222-222222222222";

    @TempDir
    Path tmp;

    @Test
    void aTenantAppearsOnlyWhenItIsWholeAndCollectionJsonComesLast() throws Exception {
        Path out = tmp.resolve("snap");
        SnapshotWriter w = new SnapshotWriter(out);
        SnapshotWriter.TenantFolder t = w.begin(P);
        write(t.file("users.json"), "{\"value\":[]}");
        write(t.file("groupMembers/abc.json"), "{\"value\":[]}");
        assertThat(listTenants(out)).isEmpty(); // a reader sees nothing yet
        assertThat(out.resolve("collection.json")).doesNotExist();

        t.commit("Partner", "partner", AT, Map.of("signIns.json",
                new SnapshotWriter.ErrorEntry(403, "Authentication_RequestFromNonPremiumTenantOrB2CTenant", "no")));
        assertThat(listTenants(out)).containsExactly(P);
        assertThat(out.resolve("collection.json")).doesNotExist();

        w.finish(P, AT, Map.of());
        JsonNode info = new ObjectMapper().readTree(out.resolve("tenants").resolve(P).resolve("tenant.json").toFile());
        assertThat(info.path("role").asText()).isEqualTo("partner");
        assertThat(info.path("collectedAt").asText()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(info.path("errors").path("signIns.json").path("status").asInt()).isEqualTo(403);
        SnapshotInput input = SnapshotInput.open(out);
        assertThat(input.partnerTenantId()).isEqualTo(P);
        assertThat(input.collectedAt()).isEqualTo(AT);
        assertThat(input.tenants()).hasSize(1);
        assertThat(out.resolve(SnapshotWriter.INCOMPLETE)).doesNotExist();
    }

    @Test
    void filesAreOwnerOnly() throws Exception {
        Path out = tmp.resolve("snap");
        SnapshotWriter w = new SnapshotWriter(out);
        SnapshotWriter.TenantFolder t = w.begin(P);
        write(t.file("groupMembers/abc.json"), "{\"value\":[]}");
        t.commit("P", "partner", AT, Map.of());
        w.finish(P, AT, Map.of());
        try (Stream<Path> all = Files.walk(out)) {
            for (Path p : all.toList()) {
                String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                assertThat(perms).as(p.toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
            }
        }
    }

    @Test
    void aKilledRunLeavesNoTenantThatLooksCompleteAndTheNextRunCleansUp() throws Exception {
        Path out = tmp.resolve("snap");
        SnapshotWriter first = new SnapshotWriter(out);
        SnapshotWriter.TenantFolder done = first.begin(P);
        write(done.file("users.json"), "{\"value\":[]}");
        done.commit("P", "partner", AT, Map.of());
        SnapshotWriter.TenantFolder half = first.begin(C);
        write(half.file("users.json"), "{\"value\":[]}");
        // killed here: C is under .incomplete/, not tenants/; no collection.json
        assertThat(listTenants(out)).containsExactly(P);
        assertThatThrownBy(() -> SnapshotInput.open(out)).isInstanceOf(InputException.class);

        SnapshotWriter second = new SnapshotWriter(out);
        assertThat(out.resolve(SnapshotWriter.INCOMPLETE)).isEmptyDirectory();
        SnapshotWriter.TenantFolder again = second.begin(C);
        write(again.file("users.json"), "{\"value\":[1]}");
        again.commit("C", "customer", AT, Map.of());
        second.finish(P, AT, Map.of(P, "no token"));
        // the earlier run's P was not written by this run: gone, so the snapshot is this run's alone
        assertThat(listTenants(out)).containsExactly(C);
        JsonNode c = new ObjectMapper().readTree(out.resolve("collection.json").toFile());
        assertThat(c.path("failedTenants").path(P).asText()).isEqualTo("no token");
    }

    @Test
    void anEarlierSnapshotsTenantIsReplacedWhole() throws Exception {
        Path out = tmp.resolve("snap");
        SnapshotWriter first = new SnapshotWriter(out);
        SnapshotWriter.TenantFolder a = first.begin(P);
        write(a.file("old.json"), "{}");
        a.commit("P", "partner", AT, Map.of());
        first.finish(P, AT, Map.of());

        SnapshotWriter second = new SnapshotWriter(out);
        assertThat(out.resolve("collection.json")).doesNotExist();
        SnapshotWriter.TenantFolder b = second.begin(P);
        write(b.file("new.json"), "{}");
        b.commit("P", "partner", AT, Map.of());
        second.finish(P, AT, Map.of());
        assertThat(out.resolve("tenants").resolve(P).resolve("new.json")).exists();
        assertThat(out.resolve("tenants").resolve(P).resolve("old.json")).doesNotExist();
    }

    @Test
    void aDiscardedFileIsGoneAndAnAbandonedTenantLeavesNothing() throws Exception {
        Path out = tmp.resolve("snap");
        SnapshotWriter w = new SnapshotWriter(out);
        SnapshotWriter.TenantFolder t = w.begin(P);
        FileOutput f = t.file("signIns.json");
        JsonGenerator g = f.open();
        g.writeStartObject();
        g.writeArrayFieldStart("value");
        f.discard();
        t.abandon();
        w.finish(P, AT, Map.of());
        assertThat(listTenants(out)).isEmpty();
    }

    @Test
    void refusesAFolderThatIsNotASnapshotAndNamesThatAreNotSafe() throws Exception {
        Path other = tmp.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("thesis.docx"), "precious");
        assertThatThrownBy(() -> new SnapshotWriter(other)).isInstanceOf(IOException.class)
                .hasMessageContaining("neither empty nor");
        SnapshotWriter w = new SnapshotWriter(tmp.resolve("snap"));
        assertThatThrownBy(() -> w.begin("../x")).isInstanceOf(IOException.class);
        SnapshotWriter.TenantFolder t = w.begin(P);
        assertThatThrownBy(() -> t.file("groupMembers/../../x.json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.file("/etc/x.json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.file("groupMembers/.hidden.json")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void write(FileOutput f, String json) throws IOException {
        JsonGenerator g = f.open();
        g.writeRawValue(json);
        f.commit();
    }

    private static java.util.List<String> listTenants(Path out) throws IOException {
        Path tenants = out.resolve("tenants");
        if (!Files.isDirectory(tenants)) {
            return java.util.List.of();
        }
        try (Stream<Path> s = Files.list(tenants)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
