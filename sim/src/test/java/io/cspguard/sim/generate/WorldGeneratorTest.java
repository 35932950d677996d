package io.cspguard.sim.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cspguard.sim.world.Planted;
import io.cspguard.sim.world.SimTenant;
import io.cspguard.sim.world.SimUser;
import io.cspguard.sim.world.World;
import io.cspguard.sim.world.WorldSnapshotWriter;
import io.cspguard.snapshot.Data;
import io.cspguard.snapshot.Keyed;
import io.cspguard.snapshot.Licences;
import io.cspguard.snapshot.SnapshotInput;
import io.cspguard.snapshot.TenantLoader;
import io.cspguard.snapshot.TenantSnapshot;
import java.io.ByteArrayInputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldGeneratorTest {
    @Test
    void theSameSeedGivesTheSameBytesWhateverTheThreads(@TempDir Path dir) throws Exception {
        GeneratorOptions options = GeneratorOptions.of(7, 6);
        new WorldSnapshotWriter(1).write(new WorldGenerator(1).generate(options), dir.resolve("a"));
        new WorldSnapshotWriter(2).write(new WorldGenerator(2).generate(options), dir.resolve("b"));

        Map<String, byte[]> a = files(dir.resolve("a"));
        Map<String, byte[]> b = files(dir.resolve("b"));
        assertThat(a.keySet()).containsExactlyElementsOf(b.keySet());
        assertThat(a).containsKeys("planted.json", "cspguard.yaml", "world/collection.json");
        for (String file : a.keySet()) {
            assertThat(a.get(file)).as(file).isEqualTo(b.get(file));
        }
        byte[] users = a.keySet().stream().filter(f -> f.endsWith("/users.json")).findFirst().map(a::get)
                .orElseThrow();
        String text = new String(users, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r").endsWith("}\n").contains("\"id\": \"");
    }

    @Test
    void anotherSeedGivesAnotherWorld(@TempDir Path dir) throws Exception {
        new WorldSnapshotWriter(2).write(new WorldGenerator(2).generate(GeneratorOptions.of(7, 3)), dir.resolve("a"));
        new WorldSnapshotWriter(2).write(new WorldGenerator(2).generate(GeneratorOptions.of(8, 3)), dir.resolve("b"));

        assertThat(Files.readAllBytes(dir.resolve("b/planted.json")))
                .isNotEqualTo(Files.readAllBytes(dir.resolve("a/planted.json")));
        assertThat(Files.readAllBytes(dir.resolve("b/world/collection.json")))
                .isNotEqualTo(Files.readAllBytes(dir.resolve("a/world/collection.json")));
    }

    @Test
    void rewritingReplacesThePreviousWorld(@TempDir Path dir) throws Exception {
        WorldSnapshotWriter writer = new WorldSnapshotWriter(2);
        writer.write(new WorldGenerator(2).generate(GeneratorOptions.of(7, 3)), dir);
        World other = new WorldGenerator(2).generate(GeneratorOptions.of(8, 2));
        writer.write(other, dir);

        try (Stream<Path> tenants = Files.list(dir.resolve("world/tenants"))) {
            assertThat(tenants.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactlyElementsOf(other.tenants().stream().map(SimTenant::tenantId).sorted().toList());
        }
    }

    @Test
    void worldLoadsWithCoreLoaderWithNoUnreadableFile(@TempDir Path dir) throws Exception {
        World world = new WorldGenerator(2).generate(GeneratorOptions.of(12, 12));
        new WorldSnapshotWriter(2).write(world, dir);
        SnapshotInput input = SnapshotInput.open(dir.resolve("world"));

        assertThat(input.partnerTenantId()).isEqualTo(world.partnerTenantId());
        assertThat(input.collectedAt()).isEqualTo(world.worldTime());
        assertThat(input.tenants()).hasSize(13);
        List<String> problems = new ArrayList<>();
        for (SnapshotInput.TenantFolder folder : input.tenants()) {
            TenantSnapshot t = TenantLoader.load(folder.dir(), folder.folderName(), input.partnerTenantId(),
                    input.collectedAt()).snapshot();
            SimTenant sim = world.tenant(t.tenantId()).orElseThrow();
            assertThat(t.info().loadProblem()).isNull();
            assertThat(t.licences().tier()).isEqualTo(sim.licence());
            for (RecordComponent c : TenantSnapshot.class.getRecordComponents()) {
                Object value = c.getAccessor().invoke(t);
                if (value instanceof Data.Missing<?> m && !expectedMissing(c.getName(), t)) {
                    problems.add(t.tenantId() + " " + c.getName() + ": " + m.reason());
                }
                if (value instanceof Keyed<?> k) {
                    Path sub = folder.dir().resolve(k.folder());
                    if (Files.isDirectory(sub)) {
                        try (Stream<Path> files = Files.list(sub)) {
                            for (Path f : files.toList()) {
                                String id = f.getFileName().toString().replace(".json", "");
                                if (k.get(id) instanceof Data.Missing<?> m) {
                                    problems.add(t.tenantId() + " " + k.folder() + "/" + id + ": " + m.reason());
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** What a snapshot lacks by design: sign-ins without P1, GDAP outside the partner, the optional Azure file. */
    private static boolean expectedMissing(String component, TenantSnapshot t) {
        return switch (component) {
            case "azureRoleAssignments" -> true;
            case "signIns" -> !t.licences().hasP1() && t.info().error("signIns.json").isPresent();
            case "delegatedAdminRelationships" -> !t.isPartner();
            default -> false;
        };
    }

    @Test
    void filesFollowTheLicenceRules() {
        World world = new WorldGenerator(2).generate(GeneratorOptions.of(13, 9));
        for (SimTenant t : world.tenants()) {
            Map<String, List<com.fasterxml.jackson.databind.node.ObjectNode>> c = t.collections();
            boolean p1 = t.licence() != Licences.Tier.FREE;
            boolean p2 = t.licence() == Licences.Tier.P2;
            assertThat(c.containsKey("signIns.json")).as(t.tenantId()).isEqualTo(p1);
            assertThat(t.readErrors().containsKey("signIns.json")).isEqualTo(!p1);
            assertThat(c.containsKey("conditionalAccessPolicies.json")).isEqualTo(p1);
            assertThat(c.containsKey("roleEligibilitySchedules.json")).isEqualTo(p2);
            assertThat(c.containsKey("riskyUsers.json")).isEqualTo(p2);
            assertThat(c.get("users.json")).allSatisfy(u -> assertThat(u.has("signInActivity")).isEqualTo(p1));
            // every group's transitive members, every role holder's methods
            for (JsonNode g : c.get("groups.json")) {
                assertThat(c).containsKey("groupMembers/" + g.get("id").asText() + ".json");
            }
            for (JsonNode a : c.get("roleAssignments.json")) {
                String principal = a.get("principalId").asText();
                boolean user = c.get("users.json").stream().anyMatch(u -> u.get("id").asText().equals(principal));
                if (user) {
                    assertThat(c).containsKey("authenticationMethods/" + principal + ".json");
                }
            }
            if (t.role() == io.cspguard.snapshot.TenantRole.PARTNER) {
                assertThat(c.get("partnerCenter/customers.json")).hasSize(world.tenants().size() - 1);
                assertThat(c.keySet().stream().filter(f -> f.startsWith("partnerCenter/subscriptions/")))
                        .hasSize(world.tenants().size() - 1);
                assertThat(c.get("delegatedAdminRelationships.json")).hasSize(world.tenants().size() - 1);
                assertThat(c.get("groups.json").stream().map(g -> g.get("displayName").asText()))
                        .contains("AdminAgents", "HelpdeskAgents", "SalesAgents");
                assertThat(c.keySet().stream().filter(f -> f.startsWith("pimGroupPolicyAssignments/"))).hasSize(6);
                assertThat(t.appPermissions()).contains("DelegatedAdminRelationship.Read.All");
            }
        }
        assertThat(world.partner().appConsented()).isTrue();
    }

    @Test
    void noPlantedTimeIsWithinADayOfAWindowEdge() {
        World world = new WorldGenerator(2).generate(GeneratorOptions.of(14, 10).withViolationRate(1.0));
        Instant now = world.worldTime();
        Instant windowStart = now.minus(Duration.ofDays(30));
        for (SimTenant t : world.tenants()) {
            for (JsonNode s : t.collections().getOrDefault("signIns.json", List.of())) {
                Instant at = Instant.parse(s.get("createdDateTime").asText());
                assertThat(at).isAfter(windowStart.plus(Duration.ofDays(1))).isBefore(now);
            }
            boolean p1 = t.licence() != Licences.Tier.FREE;
            Instant auditStart = now.minus(Duration.ofDays(p1 ? 30 : 7));
            for (JsonNode a : t.collections().get("directoryAudits.json")) {
                Instant at = Instant.parse(a.get("activityDateTime").asText());
                assertThat(at).as(a.get("activityDisplayName").asText()).isAfter(auditStart.plus(Duration.ofDays(1)))
                        .isBefore(now);
            }
            for (JsonNode u : t.collections().get("users.json")) {
                JsonNode last = u.path("signInActivity").path("lastSuccessfulSignInDateTime");
                if (last.isTextual()) {
                    Instant at = Instant.parse(last.asText());
                    Duration age = Duration.between(at, now);
                    assertThat(age.minus(Duration.ofDays(90)).abs()).as(u.get("userPrincipalName").asText())
                            .isGreaterThan(Duration.ofDays(1));
                    assertThat(at).isBefore(now);
                }
            }
        }
    }

    @Test
    void worldTimeComesFromTheSeed() {
        World a = new WorldGenerator(2).generate(GeneratorOptions.of(15, 1));
        World b = new WorldGenerator(2).generate(GeneratorOptions.of(16, 1));

        assertThat(a.worldTime()).isEqualTo(WorldGenerator.worldTime(15))
                .isBetween(Instant.parse("2026-11-20T09:00:00Z"), Instant.parse("2026-12-04T09:00:00Z"));
        assertThat(b.worldTime()).isNotEqualTo(a.worldTime());
        assertThat(a.worldTime().getEpochSecond() % 3600).isZero();
    }

    @Test
    void partnerAppAndSignInUsersAreUsable() throws Exception {
        World world = new WorldGenerator(2).generate(GeneratorOptions.of(17, 2));

        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(world.app().certificatePem().getBytes(StandardCharsets.US_ASCII)));
        String key = world.app().privateKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getDecoder().decode(key)));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(privateKey);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(cert.getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();
        cert.checkValidity(java.util.Date.from(world.worldTime()));
        assertThat(world.app().clientSecret()).hasSizeGreaterThanOrEqualTo(40);

        List<JsonNode> apps = List.copyOf(world.partner().collections().get("applications.json"));
        assertThat(apps).anySatisfy(a -> {
            assertThat(a.get("appId").asText()).isEqualTo(world.app().clientId());
            assertThat(a.get("keyCredentials")).hasSize(1);
        });
        assertThat(world.signInUsers()).hasSize(3).allSatisfy(u -> {
            assertThat(u.tenantId()).isEqualTo(world.partnerTenantId());
            assertThat(u.totpSecret()).matches("[A-Z2-7]{32}");
            assertThat(u.password()).hasSizeGreaterThan(12);
        });
        Set<String> adminAgents = membersOf(world.partner(), "AdminAgents");
        assertThat(world.signInUsers().stream().map(SimUser::userId)).anyMatch(adminAgents::contains);
    }

    private static Set<String> membersOf(SimTenant t, String group) {
        String id = t.collections().get("groups.json").stream().filter(g -> g.get("displayName").asText()
                .equals(group)).findFirst().orElseThrow().get("id").asText();
        return Set.copyOf(t.collections().get("groupMembers/" + id + ".json").stream().map(m -> m.get("id").asText())
                .toList());
    }

    @Test
    void hostileStringsChangeNothingButStrings(@TempDir Path dir) throws Exception {
        WorldAssessment plain = WorldAssessment.of(GeneratorOptions.of(18, 8), dir.resolve("plain"));
        WorldAssessment hostile = WorldAssessment.of(GeneratorOptions.of(18, 8).withHostile(true),
                dir.resolve("hostile"));

        String all = readAll(dir.resolve("hostile/world"));
        assertThat(all).contains("<img src=x onerror=alert(1)>", "=HYPERLINK(", "+cmd|' /C calc'!A0", "@SUM(1)",
                "\\\"><script>alert(1)</script>");
        assertThat(readAll(dir.resolve("plain/world"))).doesNotContain("<script>", "=HYPERLINK(");
        assertThat(hostile.world.planted().stream().map(WorldGeneratorTest::shape).toList())
                .containsExactlyElementsOf(plain.world.planted().stream().map(WorldGeneratorTest::shape).toList());
        assertThat(hostile.statuses()).isEqualTo(plain.statuses());
        assertThat(hostile.missedPlants()).isEmpty();
        assertThat(hostile.unplantedFindings()).isEmpty();
        assertThat(hostile.unexpectedNotAssessed()).isEmpty();
        // payloads reach UPN local parts where Entra allows them (display names: above)
        assertThat(hostile.world.tenants().stream().flatMap(t -> t.collections().get("users.json").stream())
                .map(u -> u.get("userPrincipalName").asText()))
                .anyMatch(upn -> upn.startsWith("-") || upn.startsWith("'") || upn.startsWith("~")
                        || upn.startsWith("_"));
    }

    private static String shape(Planted p) {
        return p.tenantId() + " " + p.controlId() + " " + p.objectIds();
    }

    private static String readAll(Path dir) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (byte[] b : files(dir).values()) {
            sb.append(new String(b, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private static Map<String, byte[]> files(Path root) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
