package io.cspguard.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.world.SimUser;
import io.cspguard.sim.world.World;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The connection profile of a running simulator (formats.md §4), with the keys a simulated world adds: where its
 * {@code world/}, {@code planted.json} and {@code cspguard.yaml} are, its time, and the sign-in details of its
 * partner users (delegated mode, the dashboard's tests). The simulated app's secret is written in clear: it guards
 * nothing outside this machine.
 */
public final class SimProfile {
    private SimProfile() {
    }

    /**
     * @param baseUrl         https://127.0.0.1:PORT — authority, Graph and Partner Center are all served there
     * @param caPem           the simulator's CA (a client trusts exactly it)
     * @param certificatePath a PEM file with the app's certificate and private key, or null
     */
    public static ObjectNode of(World world, String baseUrl, Path caPem, Path certificatePath, Path worldDir,
                                Path planted, Path config) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode p = m.createObjectNode();
        p.put("partnerTenantId", world.partnerTenantId());
        p.put("clientId", world.app().clientId());
        p.put("mode", "app");
        p.put("clientSecret", world.app().clientSecret());
        if (certificatePath != null) {
            p.put("certificatePath", certificatePath.toAbsolutePath().toString());
        }
        p.putNull("refreshToken");
        p.put("authority", baseUrl);
        p.put("graph", baseUrl);
        p.put("partnerCenter", baseUrl);
        p.put("caCert", caPem.toAbsolutePath().toString());
        p.put("world", worldDir.toAbsolutePath().toString());
        p.put("planted", planted.toAbsolutePath().toString());
        p.put("config", config.toAbsolutePath().toString());
        p.put("worldTime", world.worldTime().toString());
        ArrayNode users = p.putArray("users");
        for (SimUser u : world.signInUsers()) {
            ObjectNode n = users.addObject();
            n.put("tenantId", u.tenantId());
            n.put("userId", u.userId());
            n.put("userPrincipalName", u.userPrincipalName());
            n.put("password", u.password());
            n.put("totpSecret", u.totpSecret());
        }
        return p;
    }

    public static byte[] bytes(ObjectNode profile) throws IOException {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(profile);
    }
}
