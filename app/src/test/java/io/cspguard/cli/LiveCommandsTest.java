package io.cspguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cspguard.sim.SimServer;
import io.cspguard.sim.faults.Scenario;
import io.cspguard.sim.generate.GeneratorOptions;
import io.cspguard.sim.generate.WorldGenerator;
import io.cspguard.sim.world.World;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** collect, assess --live, doctor and demo against the simulator, through the command line. */
class LiveCommandsTest {
    @TempDir
    static Path shared;

    private static World world;
    private static SimServer server;
    private static Path profile;

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeAll
    static void startSimulator() throws Exception {
        world = new WorldGenerator().generate(GeneratorOptions.of(21, 3).withMaxUsers(60));
        server = SimServer.start(world, new SimServer.Options(0, Scenario.NONE, 50, true));
        Path ca = server.certificates().writeCaPem(shared.resolve("ca.pem"));
        profile = shared.resolve("connection.json");
        new ObjectMapper().writeValue(profile.toFile(), Map.of("partnerTenantId", world.partnerTenantId(),
                "clientId", world.app().clientId(), "mode", "app", "clientSecret", world.app().clientSecret(),
                "authority", server.baseUrl(), "graph", server.baseUrl(), "partnerCenter", server.baseUrl(),
                "caCert", ca.toString()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void collectWritesASnapshotThatAssessReads() {
        Path snapshot = tmp.resolve("snapshot");
        assertThat(Main.run("collect", "--connection", profile.toString(), "--out", snapshot.toString()))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(snapshot.resolve("collection.json")).exists();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("4 complete");
        assertThat(Main.run("assess", "--input", snapshot.toString(), "--fail-on", "never", "--output",
                tmp.resolve("r.json").toString())).isZero();
    }

    @Test
    void assessLiveCollectsThenAssesses() {
        Path report = tmp.resolve("live.json");
        int status = Main.run("assess", "--live", "--connection", profile.toString(), "--output", report.toString());
        assertThat(status).as("the world has planted violations").isEqualTo(1);
        assertThat(report).isNotEmptyFile();
        assertThat(Main.run("assess", "--live")).isEqualTo(2);
    }

    @Test
    void doctorSaysEverythingCanBeRead() {
        assertThat(Main.run("doctor", "--connection", profile.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("everything CSP Guard needs can be read");
    }

    @Test
    void aProfileWithAnUnknownKeyIsAUsageError() throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"partnerTenantId\":\"contoso.onmicrosoft.com\",\"clientId\":"
                + "\"00000000-0000-0000-0000-000000000001\",\"clientSecret\":\"s3cr3t-value\",\"colour\":\"blue\"}");
        assertThat(Main.run("collect", "--connection", bad.toString(), "--out", tmp.resolve("x").toString()))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("colour").doesNotContain("s3cr3t-value");
    }

    @Test
    void demoCollectsTheSimulatedPartnerAndFindsEveryPlantedViolation() {
        Path report = tmp.resolve("demo.html");
        assertThat(Main.run("demo", "--no-serve", "--seed", "4", "--customers", "2", "--data", tmp.resolve("demo").toString(),
                "--output", report.toString())).isZero();
        assertThat(report).isNotEmptyFile();
        String said = out.toString(StandardCharsets.UTF_8);
        assertThat(said).containsPattern("planted (\\d+) violations; the assessment reports \\1 of them");
    }
}
