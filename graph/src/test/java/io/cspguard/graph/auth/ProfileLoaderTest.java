package io.cspguard.graph.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cspguard.sim.SimProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileLoaderTest {
    private static final String TENANT = "6f1d8a52-3b1c-4e7f-9a0b-2c3d4e5f6a7b";
    private static final String CLIENT = "11111111-2222-4333-8444-555555555555";
    private static final String SECRET = "Sx8Q~very-secret-value-0123456789";

    @TempDir
    Path dir;

    @Test
    void jsonWithDefaultsForMicrosoftsCloud() throws Exception {
        Path file = write("c.json", """
                {"partnerTenantId": "%s", "clientId": "%s", "clientSecret": "%s"}
                """.formatted(TENANT, CLIENT, SECRET));
        ConnectionProfile p = ProfileLoader.load(file);
        assertThat(p.partnerTenantId()).isEqualTo(TENANT);
        assertThat(p.clientId()).isEqualTo(CLIENT);
        assertThat(p.mode()).isEqualTo(ConnectionProfile.Mode.APP);
        assertThat(p.clientSecret()).isEqualTo(SECRET);
        assertThat(p.authority()).isEqualTo("https://login.microsoftonline.com");
        assertThat(p.graph()).isEqualTo("https://graph.microsoft.com");
        assertThat(p.partnerCenter()).isEqualTo("https://api.partnercenter.microsoft.com");
        assertThat(p.caCert()).isNull();
        assertThat(p.certificate()).isNull();
        assertThat(p.source()).isEqualTo(file.toAbsolutePath().normalize());
        assertThat(p.toString()).doesNotContain(SECRET);
    }

    @Test
    void yamlByExtensionWithRelativePathsAgainstTheProfilesFolder() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(sub.resolve("app.pem"), "x");
        Files.createDirectories(dir.resolve("certs"));
        Files.writeString(dir.resolve("certs/ca.pem"), "x");
        for (String name : new String[] {"c.yaml", "c.YML"}) {
            Path file = sub.resolve(name);
            Files.writeString(file, """
                    partnerTenantId: contoso.onmicrosoft.com
                    clientId: %s
                    mode: delegated
                    certificatePath: app.pem
                    certificatePassword: "env:CERT_PASSWORD"
                    refreshToken: tokens/refresh.bin
                    authority: https://login.example.test/
                    graph: https://graph.example.test:8443
                    partnerCenter: https://pc.example.test
                    caCert: ../certs/ca.pem
                    """.formatted(CLIENT));
            ConnectionProfile p = ProfileLoader.load(file);
            assertThat(p.mode()).isEqualTo(ConnectionProfile.Mode.DELEGATED);
            assertThat(p.partnerTenantId()).isEqualTo("contoso.onmicrosoft.com");
            assertThat(p.certificate()).isEqualTo(sub.resolve("app.pem").toAbsolutePath().normalize());
            assertThat(p.certificatePassword()).isEqualTo("env:CERT_PASSWORD");
            assertThat(p.refreshToken()).isEqualTo(sub.resolve("tokens/refresh.bin").toAbsolutePath().normalize());
            assertThat(p.caCert()).isEqualTo(dir.resolve("certs/ca.pem").toAbsolutePath().normalize());
            assertThat(p.authority()).isEqualTo("https://login.example.test");
            assertThat(p.graph()).isEqualTo("https://graph.example.test:8443");
            assertThat(p.partnerCenter()).isEqualTo("https://pc.example.test");
        }
    }

    @Test
    void envSecretsStayReferencesUntilResolved() throws Exception {
        Path file = write("c.json", """
                {"partnerTenantId": "%s", "clientId": "%s", "clientSecret": "env:CSPGUARD_SECRET"}
                """.formatted(TENANT, CLIENT));
        ConnectionProfile p = ProfileLoader.load(file);
        assertThat(p.clientSecret()).isEqualTo("env:CSPGUARD_SECRET");
        assertThat(Secrets.resolve(p.clientSecret(), Map.of("CSPGUARD_SECRET", SECRET)::get)).isEqualTo(SECRET);
        assertThat(Secrets.resolve("plain", Map.<String, String>of()::get)).isEqualTo("plain");
        assertThat(Secrets.resolve(null, Map.<String, String>of()::get)).isNull();
        assertThatThrownBy(() -> Secrets.resolve(p.clientSecret(), Map.of("OTHER", SECRET)::get))
                .isInstanceOf(ProfileException.class)
                .hasMessageContaining("CSPGUARD_SECRET").hasMessageContaining("not set")
                .message().doesNotContain(SECRET);
        // where the secret is used, the error names the file and the key
        assertThatThrownBy(() -> new AppTokenSource(p, Map.<String, String>of()::get))
                .isInstanceOf(ProfileException.class)
                .satisfies(e -> assertThat(((ProfileException) e).key()).isEqualTo("clientSecret"))
                .satisfies(e -> assertThat(((ProfileException) e).file()).isEqualTo(p.source()))
                .hasMessageContaining("CSPGUARD_SECRET");
        // a malformed name is refused at load time
        Path bad = write("bad.json", """
                {"partnerTenantId": "%s", "clientId": "%s", "clientSecret": "env:NOT A NAME"}
                """.formatted(TENANT, CLIENT));
        assertThatThrownBy(() -> ProfileLoader.load(bad)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("clientSecret").hasMessageContaining("environment variable name");
    }

    @Test
    void anUnknownKeyIsAnErrorNamingIt() throws Exception {
        Path file = write("c.json", """
                {"partnerTenantId": "%s", "clientId": "%s", "clientSecrte": "%s"}
                """.formatted(TENANT, CLIENT, SECRET));
        assertThatThrownBy(() -> ProfileLoader.load(file)).isInstanceOf(ProfileException.class)
                .satisfies(e -> assertThat(((ProfileException) e).key()).isEqualTo("clientSecrte"))
                .hasMessageContaining(file.getFileName().toString())
                .hasMessageContaining("unknown key")
                .message().doesNotContain(SECRET);
    }

    @Test
    void aCredentialIsRequired() throws Exception {
        Path app = write("app.json", """
                {"partnerTenantId": "%s", "clientId": "%s"}
                """.formatted(TENANT, CLIENT));
        assertThatThrownBy(() -> ProfileLoader.load(app)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("no credential").hasMessageContaining("clientSecret")
                .hasMessageContaining("certificatePath");
        Path delegated = write("delegated.json", """
                {"partnerTenantId": "%s", "clientId": "%s", "mode": "delegated"}
                """.formatted(TENANT, CLIENT));
        assertThatThrownBy(() -> ProfileLoader.load(delegated)).isInstanceOf(ProfileException.class)
                .satisfies(e -> assertThat(((ProfileException) e).key()).isEqualTo("refreshToken"));
        // delegated mode needs no app credential, and the token file need not exist yet
        Path ok = write("ok.json", """
                {"partnerTenantId": "%s", "clientId": "%s", "mode": "delegated", "refreshToken": "rt.bin"}
                """.formatted(TENANT, CLIENT));
        assertThat(ProfileLoader.load(ok).refreshToken()).isEqualTo(dir.resolve("rt.bin").toAbsolutePath());
    }

    @Test
    void requiredKeysAndValuesAreChecked() throws Exception {
        assertKeyError("""
                {"clientId": "%s", "clientSecret": "s3cret-value"}""".formatted(CLIENT), "partnerTenantId");
        assertKeyError("""
                {"partnerTenantId": "%s", "clientSecret": "s3cret-value"}""".formatted(TENANT), "clientId");
        assertKeyError("""
                {"partnerTenantId": "%s", "clientId": "not-a-guid", "clientSecret": "x"}""".formatted(TENANT),
                "clientId");
        assertKeyError("""
                {"partnerTenantId": "a/b", "clientId": "%s", "clientSecret": "x"}""".formatted(CLIENT),
                "partnerTenantId");
        assertKeyError("""
                {"partnerTenantId": "%s", "clientId": "%s", "clientSecret": "x", "mode": "magic"}"""
                .formatted(TENANT, CLIENT), "mode");
        assertKeyError("""
                {"partnerTenantId": "%s", "clientId": "%s", "clientSecret": "x", "graph": "http://graph.test"}"""
                .formatted(TENANT, CLIENT), "graph");
        assertKeyError("""
                {"partnerTenantId": "%s", "clientId": "%s", "clientSecret": "x",
                 "authority": "https://login.microsoftonline.com/common"}""".formatted(TENANT, CLIENT), "authority");
        assertKeyError("""
                {"partnerTenantId": "%s", "clientId": "%s", "certificatePath": "missing.pem"}"""
                .formatted(TENANT, CLIENT), "certificatePath");
        assertKeyError("""
                {"partnerTenantId": "%s", "clientId": "%s", "clientSecret": "x", "caCert": "missing.pem"}"""
                .formatted(TENANT, CLIENT), "caCert");
        assertKeyError("""
                {"partnerTenantId": "%s", "clientId": "%s", "clientSecret": 12345678}""".formatted(TENANT, CLIENT),
                "clientSecret");
        assertKeyError("""
                {"partnerTenantId": "%s", "clientId": "%s", "clientSecret": "x", "certificatePassword": "p"}"""
                .formatted(TENANT, CLIENT), "certificatePassword");
    }

    @Test
    void malformedFilesNeverQuoteTheirText() throws Exception {
        Path json = write("c.json", """
                {"partnerTenantId": "%s", "clientId": "%s", "clientSecret": %s}
                """.formatted(TENANT, CLIENT, SECRET));
        assertThatThrownBy(() -> ProfileLoader.load(json)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("not valid JSON at line 1")
                .message().doesNotContain(SECRET).doesNotContain("Sx8Q");
        Path yaml = write("c.yaml", "partnerTenantId: [" + SECRET + "\n");
        assertThatThrownBy(() -> ProfileLoader.load(yaml)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("not valid YAML")
                .message().doesNotContain(SECRET);
        Path twice = write("twice.json", """
                {"partnerTenantId": "%s", "clientId": "%s", "clientSecret": "a", "clientSecret": "%s"}
                """.formatted(TENANT, CLIENT, SECRET));
        assertThatThrownBy(() -> ProfileLoader.load(twice)).hasMessageContaining("twice")
                .message().doesNotContain(SECRET);
        assertThatThrownBy(() -> ProfileLoader.load(write("empty.yaml", ""))).hasMessageContaining("empty");
        assertThatThrownBy(() -> ProfileLoader.load(write("list.json", "[1]"))).hasMessageContaining("object");
        assertThatThrownBy(() -> ProfileLoader.load(dir.resolve("none.json"))).hasMessageContaining("no such file");
    }

    @Test
    void theSimulatorsProfileLoadsWithItsExtraKeys() throws Exception {
        Sim sim = Sim.get();
        Path file = dir.resolve("connection.json");
        Files.write(file, SimProfile.bytes(SimProfile.of(sim.world, sim.server.baseUrl(), sim.caPem, sim.appPem,
                dir.resolve("world"), dir.resolve("planted.json"), dir.resolve("cspguard.yaml"))));
        ConnectionProfile p = ProfileLoader.load(file);
        assertThat(p.partnerTenantId()).isEqualTo(sim.partner());
        assertThat(p.clientSecret()).isEqualTo(sim.world.app().clientSecret());
        assertThat(p.certificate()).isEqualTo(sim.appPem);
        assertThat(p.authority()).isEqualTo(sim.server.baseUrl());
        assertThat(p.caCert()).isEqualTo(sim.caPem);
        assertThat(p.refreshToken()).isNull();
    }

    private void assertKeyError(String json, String key) throws Exception {
        Path file = write("k-" + key + ".json", json);
        assertThatThrownBy(() -> ProfileLoader.load(file)).as(json).isInstanceOf(ProfileException.class)
                .satisfies(e -> assertThat(((ProfileException) e).key()).as(e.getMessage()).isEqualTo(key))
                .hasMessageStartingWith(file.toAbsolutePath().normalize() + ": " + key + ": ");
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
