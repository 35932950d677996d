package io.cspguard.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cspguard serve}'s option checks, made before anything is opened or bound. */
class ServeCommandTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
    }

    @Test
    void aWorkerWithoutAConnectionProfileHasNothingToTake() {
        assertThat(Main.run("serve", "--worker", "--data", tmp.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--worker takes scheduled runs, so it needs --connection");
    }

    @Test
    void aWorkerThatSchedulesNothingIsRefused() {
        assertThat(Main.run("serve", "--worker", "--no-scheduler", "--connection", tmp.resolve("p.json").toString(),
                "--data", tmp.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--worker and --no-scheduler together would do nothing");
    }

    @Test
    void oidcNeedsItsThreeOptions() {
        assertThat(Main.run("serve", "--oidc-issuer", "https://login.microsoftonline.com/8f1c2d3e-4a5b-4c6d-9e8f-0a1b2c3d4e5f",
                "--data", tmp.toString(), "--port", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("OIDC needs --oidc-issuer, --oidc-client-id and --oidc-client-secret");
    }
}
