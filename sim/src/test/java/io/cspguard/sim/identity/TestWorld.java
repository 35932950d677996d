package io.cspguard.sim.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.world.PartnerApp;
import io.cspguard.sim.world.SimTenant;
import io.cspguard.sim.world.SimUser;
import io.cspguard.sim.world.World;
import io.cspguard.snapshot.Licences;
import io.cspguard.snapshot.TenantRole;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small World built by hand: a partner, customer A (app consented; GDAP gives Alice's group Global Reader) and
 * customer B (app not consented; its GDAP relationship was terminated). Bob is in no access group; Carol is disabled.
 */
final class TestWorld {
    static final Instant WORLD_TIME = Instant.parse("2026-11-26T10:00:00Z");
    static final String PARTNER = "6136a0b9-578f-4614-9d60-68e224dbab19";
    static final String CUSTOMER_A = "362fa8d3-7159-4fa1-b6ac-4a42d1c7fef1";
    static final String CUSTOMER_B = "d8411eae-9f2c-4486-8be2-c3014683cc39";
    static final String CLIENT_ID = "4f7d9e2a-1c3b-4a5d-9e8f-0a1b2c3d4e5f";
    static final String SECRET = "Sim~secret.value-123";

    static final String GLOBAL_READER = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
    static final String SECURITY_READER = "5d6b6bb7-de71-4623-b4af-96380a352509";
    static final String USER_ADMIN = "fe930be7-5e62-47db-91af-98c3a49a38b1";
    static final String GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10";

    static final String ALICE = "4c25ca1f-2e20-450a-92d5-d140f8545a9b";
    static final String BOB = "0d69b19a-34fe-4a1e-b6fc-6efd60689c50";
    static final String CAROL = "9a1b2c3d-0000-4000-8000-000000000003";
    static final String ALICE_UPN = "alice@contoso-partner.example";
    static final String BOB_UPN = "bob@contoso-partner.example";
    static final String CAROL_UPN = "carol@contoso-partner.example";
    static final String PASSWORD = "Correct-Horse-1";
    static final String TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    static final String GROUP_READERS = "4cea4fd4-35d1-414a-9088-aeaaeb3ebae8";
    static final String GROUP_PENDING = "53747855-ec46-4c7e-a157-73933f964456";
    static final String GROUP_ADMINS = "9eb8fd8d-3095-45da-b878-4003f9c34ae4";
    static final String REL_A = "7af6567e-439a-44d3-aea2-824b07ac6e26-6bc756d0-b507-4804-ad24-0fd77c968e81";
    static final String REL_B = "22114055-b16c-4d38-a700-a0bb2dbf028e-4bbce4da-b314-4330-830b-4885ac24c5c8";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The app's registered certificate and key, and another pair that is not registered. */
    static final Credential APP_CERT = Credential.create("CN=csp-guard-app");
    static final Credential OTHER_CERT = Credential.create("CN=someone-else");

    private TestWorld() {
    }

    static World build() {
        SimTenant partner = new SimTenant(PARTNER, "Contoso Partner", TenantRole.PARTNER, Licences.Tier.P2);
        partner.consent(Set.of("Directory.Read.All", "AuditLog.Read.All", "DelegatedAdminRelationship.Read.All"));
        partner.collection("organization.json").add(json("""
                {"id":"%s","displayName":"Contoso Partner","verifiedDomains":[{"name":"contoso-partner.example"}]}
                """.formatted(PARTNER)));
        partner.collection("users.json").addAll(List.of(
                json("{\"id\":\"%s\",\"userPrincipalName\":\"%s\",\"displayName\":\"Alice Adams\",\"accountEnabled\":true}"
                        .formatted(ALICE, ALICE_UPN)),
                json("{\"id\":\"%s\",\"userPrincipalName\":\"%s\",\"displayName\":\"Bob Brown\",\"accountEnabled\":true}"
                        .formatted(BOB, BOB_UPN)),
                json("{\"id\":\"%s\",\"userPrincipalName\":\"%s\",\"displayName\":\"Carol C\",\"accountEnabled\":false}"
                        .formatted(CAROL, CAROL_UPN))));
        // Alice is Global Reader at home through a group
        partner.collection("roleAssignments.json").add(json("""
                {"id":"ra1","principalId":"%s","roleDefinitionId":"%s","directoryScopeId":"/"}
                """.formatted(GROUP_ADMINS, GLOBAL_READER)));
        partner.collection("groupMembers/" + GROUP_ADMINS + ".json").add(member(ALICE));
        partner.collection("groupMembers/" + GROUP_READERS + ".json").add(member(ALICE));
        partner.collection("groupMembers/" + GROUP_PENDING + ".json").add(member(ALICE));

        partner.collection("delegatedAdminRelationships.json").addAll(List.of(
                relationship(REL_A, CUSTOMER_A, "active", GLOBAL_READER, SECURITY_READER),
                relationship(REL_B, CUSTOMER_B, "terminated", GLOBAL_READER)));
        partner.collection("delegatedAdminAccessAssignments/" + REL_A + ".json").addAll(List.of(
                // USER_ADMIN is not in the relationship: Graph could not have created it, and it grants nothing
                assignment("a1", "active", GROUP_READERS, GLOBAL_READER, USER_ADMIN),
                assignment("a2", "pending", GROUP_PENDING, SECURITY_READER)));
        partner.collection("delegatedAdminAccessAssignments/" + REL_B + ".json").add(
                assignment("b1", "active", GROUP_READERS, GLOBAL_READER));

        SimTenant a = new SimTenant(CUSTOMER_A, "Fabrikam", TenantRole.CUSTOMER, Licences.Tier.P1);
        a.consent(Set.of("Directory.Read.All"));
        SimTenant b = new SimTenant(CUSTOMER_B, "Northwind <b>Traders</b>", TenantRole.CUSTOMER, Licences.Tier.FREE);

        PartnerApp app = new PartnerApp(CLIENT_ID, "CSP Guard", SECRET, APP_CERT.certificatePem(),
                APP_CERT.privateKeyPem());
        List<SimUser> users = List.of(
                new SimUser(PARTNER, ALICE, ALICE_UPN, PASSWORD, TOTP_SECRET),
                new SimUser(PARTNER, BOB, BOB_UPN, PASSWORD, TOTP_SECRET),
                new SimUser(PARTNER, CAROL, CAROL_UPN, PASSWORD, TOTP_SECRET));
        return new World(7, WORLD_TIME, PARTNER, app, List.of(partner, a, b), users, List.of(), "");
    }

    private static ObjectNode member(String userId) {
        return json("{\"@odata.type\":\"#microsoft.graph.user\",\"id\":\"%s\"}".formatted(userId));
    }

    private static ObjectNode relationship(String id, String customer, String status, String... roles) {
        return json("""
                {"id":"%s","displayName":"rel","status":"%s","customer":{"tenantId":"%s","displayName":"c"},
                 "accessDetails":{"unifiedRoles":[%s]}}
                """.formatted(id, status, customer, roles(roles)));
    }

    private static ObjectNode assignment(String id, String status, String group, String... roles) {
        return json("""
                {"id":"%s","status":"%s","accessContainer":{"accessContainerId":"%s","accessContainerType":"securityGroup"},
                 "accessDetails":{"unifiedRoles":[%s]}}
                """.formatted(id, status, group, roles(roles)));
    }

    private static String roles(String... ids) {
        return String.join(",", java.util.Arrays.stream(ids)
                .map(r -> "{\"roleDefinitionId\":\"" + r + "\"}").toList());
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A self-signed RSA certificate and its key, as an app credential. */
    record Credential(KeyPair keys, X509Certificate certificate) {
        static Credential create(String subject) {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                KeyPair keys = g.generateKeyPair();
                X500Name name = new X500Name(subject);
                Instant now = Instant.now();
                var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                        Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(365, ChronoUnit.DAYS)), name,
                        keys.getPublic());
                X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
                return new Credential(keys, cert);
            } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
                throw new IllegalStateException(e);
            }
        }

        String certificatePem() {
            return pem(certificate);
        }

        /** PKCS#8, as {@link PartnerApp#privateKeyPem()} holds it. */
        String privateKeyPem() {
            try {
                return pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(keys.getPrivate(), null));
            } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String pem(Object o) {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter w = new JcaPEMWriter(out)) {
                w.writeObject(o);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString();
        }
    }
}
