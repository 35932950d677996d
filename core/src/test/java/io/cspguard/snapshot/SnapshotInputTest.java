package io.cspguard.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cspguard.config.Config;
import io.cspguard.controls.OwnRecords;
import io.cspguard.eval.Assessor;
import io.cspguard.result.Assessment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotInputTest {
    private static final String PARTNER = "aaaaaaaa-0000-0000-0000-000000000001";
    private static final String CUSTOMER = "bbbbbbbb-0000-0000-0000-000000000002";

    @TempDir
    Path root;

    private Path write(String file, String text) throws IOException {
        Path p = root.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text + "\n", StandardCharsets.UTF_8);
        return p;
    }

    private void collection() throws IOException {
        write("collection.json", "{\"schemaVersion\":1,\"partnerTenantId\":\"" + PARTNER
                + "\",\"collectedAt\":\"2026-11-26T10:00:00Z\"}");
        tenant(PARTNER, "partner");
        tenant(CUSTOMER, "customer");
    }

    private void tenant(String id, String role) throws IOException {
        String dir = "tenants/" + id + "/";
        write(dir + "tenant.json", "{\"tenantId\":\"" + id + "\",\"role\":\"" + role + "\"}");
        write(dir + "users.json", "{\"value\":[{\"id\":\"u1\",\"userPrincipalName\":\"ann@" + role + ".com\","
                + "\"accountEnabled\":true,\"assignedPlans\":[]}]}");
        write(dir + "groupMembers/g1.json", "{\"value\":[]}");
        write(dir + "notes.txt", "a file the loader never reads");
    }

    private static String hash(Path input) throws Exception {
        return assess(input).inputSha256();
    }

    private static Assessment assess(Path input) throws Exception {
        Assessor assessor = new Assessor(Config.DEFAULTS, OwnRecords.NONE,
                Clock.fixed(Instant.parse("2026-11-27T00:00:00Z"), ZoneOffset.UTC), 2);
        return assessor.assess(SnapshotInput.open(input), Set.of(), "test");
    }

    // ---- what --input may name ----------------------------------------------------------------------------

    @Test
    void aCollectionListsItsTenantFolders() throws Exception {
        collection();
        write("tenants/stray.txt", "ignored: not a folder");

        SnapshotInput in = SnapshotInput.open(root);

        assertThat(in.isCollection()).isTrue();
        assertThat(in.partnerTenantId()).isEqualTo(PARTNER);
        assertThat(in.collectedAt()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(in.tenants()).extracting(SnapshotInput.TenantFolder::folderName).containsExactly(PARTNER, CUSTOMER);
        assertThat(in.tenants()).extracting(SnapshotInput.TenantFolder::pathPrefix)
                .containsExactly("tenants/" + PARTNER + "/", "tenants/" + CUSTOMER + "/");
        assertThat(in.rootFileDigests()).containsOnlyKeys("collection.json");
    }

    @Test
    void aCollectionIsAssessedPartnerFirstWithTheCollectionsTime() throws Exception {
        collection();

        Assessment a = assess(root);

        assertThat(a.partnerTenantId()).isEqualTo(PARTNER);
        assertThat(a.tenants()).extracting(t -> t.tenantId()).containsExactly(PARTNER, CUSTOMER);
        assertThat(a.tenants().get(0).role()).isEqualTo("partner");
        assertThat(a.inputFileCount()).isEqualTo(9);
    }

    @Test
    void aLoneTenantFolderIsOneTenant() throws Exception {
        write("tenant.json", "{\"tenantId\":\"" + CUSTOMER + "\",\"role\":\"customer\","
                + "\"collectedAt\":\"2026-11-20T10:00:00Z\"}");
        write("users.json", "{\"value\":[]}");

        SnapshotInput in = SnapshotInput.open(root);

        assertThat(in.isCollection()).isFalse();
        assertThat(in.collectedAt()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(in.tenants()).singleElement().satisfies(t -> {
            assertThat(t.dir()).isEqualTo(root);
            assertThat(t.pathPrefix()).isEmpty();
        });
        assertThat(assess(root).tenants()).extracting(t -> t.tenantId()).containsExactly(CUSTOMER);
    }

    @Test
    void aFolderWithNeitherIsAnInputErrorNamingThePath() throws IOException {
        write("users.json", "{\"value\":[]}");

        assertThatThrownBy(() -> SnapshotInput.open(root)).isInstanceOf(InputException.class)
                .hasMessageContaining(root.toString()).hasMessageContaining("collection.json")
                .hasMessageContaining("tenant.json");
    }

    @Test
    void aPathThatDoesNotExistOrIsAFileIsAnInputError() throws IOException {
        Path nowhere = root.resolve("nowhere");
        Path file = write("collection.json.txt", "{}");

        assertThatThrownBy(() -> SnapshotInput.open(nowhere)).isInstanceOf(InputException.class)
                .hasMessageContaining(nowhere.toString());
        assertThatThrownBy(() -> SnapshotInput.open(file)).isInstanceOf(InputException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void aMalformedCollectionJsonIsAnInputErrorWithLineAndColumn() throws IOException {
        collection();
        write("collection.json", "{\"schemaVersion\":1,\n\"partnerTenantId\":\"x\",\n\"collectedAt\" \"2026\"}");

        assertThatThrownBy(() -> SnapshotInput.open(root)).isInstanceOf(InputException.class)
                .hasMessageContaining("collection.json").hasMessageContaining("line 3, column");
    }

    @Test
    void aCollectionJsonWithAWrongTypeOrABadTimeIsAnInputErrorWithLineAndColumn() throws IOException {
        collection();
        write("collection.json", "{\"schemaVersion\":1,\n\"collectedAt\":\"yesterday\"}");

        assertThatThrownBy(() -> SnapshotInput.open(root)).isInstanceOf(InputException.class)
                .hasMessageContaining("collection.json").hasMessageMatching("(?s).*line 2, column \\d+.*");
    }

    @Test
    void aCollectionJsonWithoutCollectedAtOrOfAnotherSchemaIsAnInputError() throws IOException {
        collection();
        write("collection.json", "{\"schemaVersion\":1,\"partnerTenantId\":\"x\"}");
        assertThatThrownBy(() -> SnapshotInput.open(root)).isInstanceOf(InputException.class)
                .hasMessageContaining("collectedAt");

        write("collection.json", "{\"schemaVersion\":2,\"collectedAt\":\"2026-11-26T10:00:00Z\"}");
        assertThatThrownBy(() -> SnapshotInput.open(root)).isInstanceOf(InputException.class)
                .hasMessageContaining("schemaVersion 2");

        write("collection.json", "null");
        assertThatThrownBy(() -> SnapshotInput.open(root)).isInstanceOf(InputException.class)
                .hasMessageContaining("collectedAt");
    }

    @Test
    void aCollectionWithoutTenantFoldersIsAnInputError() throws IOException {
        write("collection.json", "{\"collectedAt\":\"2026-11-26T10:00:00Z\"}");

        assertThatThrownBy(() -> SnapshotInput.open(root)).isInstanceOf(InputException.class)
                .hasMessageContaining("tenants/");
    }

    @Test
    void aLoneTenantFolderWithoutCollectedAtIsAnInputError() throws IOException {
        write("tenant.json", "{\"tenantId\":\"" + CUSTOMER + "\"}");

        assertThatThrownBy(() -> SnapshotInput.open(root)).isInstanceOf(InputException.class)
                .hasMessageContaining("tenant.json").hasMessageContaining("collectedAt");
    }

    @Test
    void aLoneTenantFolderWithAMalformedTenantJsonIsAnInputErrorWithLineAndColumn() throws IOException {
        write("tenant.json", "{\"tenantId\":\"x\",\n\"collectedAt\":\"2026-11-26T10:00:00Z\",,}");

        assertThatThrownBy(() -> SnapshotInput.open(root)).isInstanceOf(InputException.class)
                .hasMessageContaining("tenant.json").hasMessageContaining("line 2, column");

        write("tenant.json", "{\"collectedAt\":\"not a time\"}");
        assertThatThrownBy(() -> SnapshotInput.open(root)).isInstanceOf(InputException.class)
                .hasMessageContaining("tenant.json");

        write("tenant.json", "{\"collectedAt\":20261126}");
        assertThatThrownBy(() -> SnapshotInput.open(root)).isInstanceOf(InputException.class)
                .hasMessageContaining("collectedAt");
    }

    // ---- the input hash -----------------------------------------------------------------------------------

    @Test
    void theInputHashIsStableWhenNothingChanges() throws Exception {
        collection();

        String first = hash(root);

        assertThat(first).hasSize(64);
        assertThat(hash(root)).isEqualTo(first);
        assertThat(hash(root)).isEqualTo(first);
    }

    @Test
    void theInputHashChangesWhenAnyByteOfAnyFileChanges() throws Exception {
        collection();
        String before = hash(root);
        List<Path> files;
        try (Stream<Path> all = Files.walk(root)) {
            files = all.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).hasSize(9);

        for (Path f : files) {
            byte[] original = Files.readAllBytes(f);
            byte[] changed = original.clone();
            changed[changed.length - 1] = ' '; // was the final newline: the file stays well-formed
            Files.write(f, changed);
            assertThat(hash(root)).as("a byte of %s changed", root.relativize(f)).isNotEqualTo(before);
            Files.write(f, original);
            assertThat(hash(root)).as("%s restored", root.relativize(f)).isEqualTo(before);
        }
    }

    @Test
    void theInputHashChangesWhenAFileIsAddedRemovedOrRenamed() throws Exception {
        collection();
        String before = hash(root);
        Path extra = write("tenants/" + CUSTOMER + "/groups.json", "{\"value\":[]}");
        String added = hash(root);
        assertThat(added).isNotEqualTo(before);

        Files.move(extra, extra.resolveSibling("applications.json"));
        assertThat(hash(root)).isNotEqualTo(added).isNotEqualTo(before);

        Files.delete(extra.resolveSibling("applications.json"));
        assertThat(hash(root)).isEqualTo(before);
    }

    @Test
    void theInputHashIsTheDocumentedDigestOfPathsAndFileHashes() throws Exception {
        write("tenant.json", "{\"tenantId\":\"t\",\"collectedAt\":\"2026-11-26T10:00:00Z\"}");
        write("users.json", "{\"value\":[]}");

        String expected = sha256(("tenant.json\t" + sha256(Files.readString(root.resolve("tenant.json"))) + "\n"
                + "users.json\t" + sha256(Files.readString(root.resolve("users.json"))) + "\n"));

        Assessment a = assess(root);
        assertThat(a.inputSha256()).isEqualTo(expected);
        assertThat(a.inputFileCount()).isEqualTo(2);
    }

    @Test
    void inputHashAddsPrefixesAndSortsByPath() {
        InputHash one = new InputHash();
        one.add("tenants/b/", java.util.Map.of("users.json", "11"));
        one.add("", java.util.Map.of("collection.json", "22"));
        InputHash other = new InputHash();
        other.add("", java.util.Map.of("collection.json", "22"));
        other.add("tenants/b/", java.util.Map.of("users.json", "11"));

        assertThat(one.sha256()).isEqualTo(other.sha256())
                .isEqualTo(sha256("collection.json\t22\ntenants/b/users.json\t11\n"));
        assertThat(one.fileCount()).isEqualTo(2);
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
