package io.cspguard.graph.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.SimServer;
import io.cspguard.sim.faults.Scenario;
import io.cspguard.sim.generate.GeneratorOptions;
import io.cspguard.sim.generate.WorldGenerator;
import io.cspguard.sim.world.SimTenant;
import io.cspguard.sim.world.SimUser;
import io.cspguard.sim.world.World;
import io.cspguard.snapshot.Licences;
import io.cspguard.snapshot.TenantRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One simulator for the auth tests (started once per test JVM): a generated world plus one customer that never
 * consented to the partner's app, served over HTTPS; its CA and the app's PEM written to a temporary folder.
 */
final class Sim {
    static final ObjectMapper JSON = new ObjectMapper();
    /** A customer with no consent for the partner's app and no GDAP relationship. */
    static final String UNCONSENTED = "0c0ffee0-0000-4000-8000-00000000dead";

    private static Sim instance;

    final World world;
    final SimServer server;
    final Path dir;
    final Path caPem;
    final Path appPem;

    private Sim() throws IOException {
        World generated = new WorldGenerator().generate(GeneratorOptions.of(23, 4));
        List<SimTenant> tenants = new ArrayList<>(generated.tenants());
        tenants.add(new SimTenant(UNCONSENTED, "Unconsented Customer Ltd", TenantRole.CUSTOMER, Licences.Tier.FREE));
        world = new World(generated.seed(), generated.worldTime(), generated.partnerTenantId(), generated.app(),
                tenants, generated.signInUsers(), generated.planted(), generated.configYaml());
        server = SimServer.start(world, new SimServer.Options(0, Scenario.NONE, 1.0, true));
        dir = Files.createTempDirectory("cspguard-auth-sim");
        caPem = server.certificates().writeCaPem(dir.resolve("ca.pem"));
        appPem = dir.resolve("app.pem");
        Files.writeString(appPem, world.app().certificatePem() + "\n" + world.app().privateKeyPem());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            try {
                Files.deleteIfExists(appPem); // a private key: do not leave it in /tmp
                Files.deleteIfExists(caPem);
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // best effort at exit
            }
        }));
    }

    static synchronized Sim get() {
        if (instance == null) {
            try {
                instance = new Sim();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    String partner() {
        return world.partnerTenantId();
    }

    /** The customers, without the unconsented one. */
    List<String> customers() {
        return world.tenants().stream().filter(t -> t.role() == TenantRole.CUSTOMER)
                .map(SimTenant::tenantId).filter(id -> !id.equals(UNCONSENTED)).toList();
    }

    /** A profile's JSON with the simulator's URLs and CA, and the given keys (null values remove a key). */
    ObjectNode profile(Map<String, String> keys) {
        ObjectNode p = JSON.createObjectNode();
        p.put("partnerTenantId", partner());
        p.put("clientId", world.app().clientId());
        p.put("authority", server.baseUrl());
        p.put("graph", server.baseUrl());
        p.put("partnerCenter", server.baseUrl());
        p.put("caCert", caPem.toString());
        keys.forEach((k, v) -> {
            if (v == null) {
                p.remove(k);
            } else {
                p.put(k, v);
            }
        });
        return p;
    }

    /** Writes {@code profile} as {@code name} in {@code folder} and loads it. */
    static ConnectionProfile load(Path folder, String name, ObjectNode profile) throws Exception {
        Path file = folder.resolve(name);
        Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(profile));
        return ProfileLoader.load(file);
    }

    /** The claims of a JWT (not verified: the simulator's tests do that). */
    static JsonNode claims(String jwt) throws IOException {
        String[] parts = jwt.split("\\.");
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    /**
     * The customers where {@code user} holds a GDAP role, read from the partner's data as Graph serves it (active
     * relationship → active access assignment → the user in its group → its roles), independently of the simulator's
     * identity code.
     */
    Set<String> gdapCustomers(SimUser user) {
        SimTenant partner = world.partner();
        Set<String> out = new LinkedHashSet<>();
        for (ObjectNode rel : partner.existingCollection("delegatedAdminRelationships.json").orElse(List.of())) {
            if (!"active".equalsIgnoreCase(rel.path("status").asText())) {
                continue;
            }
            String file = "delegatedAdminAccessAssignments/" + rel.path("id").asText() + ".json";
            for (ObjectNode asg : partner.existingCollection(file).orElse(List.of())) {
                String group = asg.path("accessContainer").path("accessContainerId").asText();
                boolean member = partner.existingCollection("groupMembers/" + group + ".json").orElse(List.of())
                        .stream().anyMatch(m -> user.userId().equalsIgnoreCase(m.path("id").asText()));
                if ("active".equalsIgnoreCase(asg.path("status").asText()) && member
                        && asg.path("accessDetails").path("unifiedRoles").size() > 0) {
                    out.add(rel.path("customer").path("tenantId").asText());
                }
            }
        }
        return out;
    }

    static String randomGuid() {
        return UUID.randomUUID().toString();
    }
}
