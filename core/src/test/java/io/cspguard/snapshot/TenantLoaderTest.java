package io.cspguard.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.cspguard.snapshot.graph.CaPolicy;
import io.cspguard.snapshot.graph.SignIn;
import io.cspguard.snapshot.graph.User;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TenantLoaderTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final String FOLDER = "11111111-aaaa-bbbb-cccc-000000000001";

    @TempDir
    Path root;

    // ---- helpers ------------------------------------------------------------------------------------------

    private Path dir() {
        return root.resolve(FOLDER);
    }

    private void write(String file, String text) throws IOException {
        Path p = dir().resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private void gzip(String file, String text) throws IOException {
        Path p = dir().resolve(file);
        Files.createDirectories(p.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private TenantSnapshot load() throws IOException {
        Files.createDirectories(dir());
        return TenantLoader.load(dir(), FOLDER, "partner-id", T0).snapshot();
    }

    private static String value(String... items) {
        return "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#x\",\"value\":["
                + String.join(",", items) + "]}";
    }

    private static String sku(String status, int enabled, String... plans) {
        StringBuilder sp = new StringBuilder();
        for (String plan : plans) {
            sp.append(sp.isEmpty() ? "" : ",").append("{\"servicePlanName\":\"").append(plan).append("\"}");
        }
        return "{\"skuPartNumber\":\"X\",\"capabilityStatus\":\"" + status + "\",\"prepaidUnits\":{\"enabled\":"
                + enabled + "},\"servicePlans\":[" + sp + "]}";
    }

    private void licences(String... skus) throws IOException {
        write("subscribedSkus.json", value(skus));
    }

    private static String reason(Data<?> data) {
        assertThat(data).isInstanceOf(Data.Missing.class);
        return ((Data.Missing<?>) data).reason();
    }

    /** users.json entries carry id, accountEnabled and assignedPlans (formats.md §1): without them the file is missing. */
    private static final String USER = "{\"id\":\"u1\",\"userPrincipalName\":\"ann@contoso.com\",\"accountEnabled\":true,"
            + "\"assignedPlans\":[]}";
    /** The properties every sign-in must carry (SignInReader), for a successful multi-factor sign-in. */
    private static final String SIGN_IN_REQUIRED = "\"createdDateTime\":\"2026-11-20T08:00:00Z\",\"status\":{\"errorCode\":0},"
            + "\"authenticationRequirement\":\"multiFactorAuthentication\",\"crossTenantAccessType\":\"none\"";
    private static final String GROUP = "{\"id\":\"g1\",\"displayName\":\"AdminAgents\",\"securityEnabled\":true}";

    // ---- present and missing ------------------------------------------------------------------------------

    @Test
    void graphShapedFilesLoadIntoPresentData() throws IOException {
        write("tenant.json", "{\"tenantId\":\"t-1\",\"displayName\":\"Contoso\",\"role\":\"customer\","
                + "\"collectedAt\":\"2026-11-25T09:00:00Z\"}");
        licences(sku("Enabled", 5, "AAD_PREMIUM_P2", "AAD_PREMIUM"));
        write("users.json", value(USER, "{\"id\":\"u2\",\"userType\":\"Guest\",\"accountEnabled\":false,\"assignedPlans\":[]}"));
        write("groups.json", value(GROUP));
        write("groupMembers/G1.json", value("{\"@odata.type\":\"#microsoft.graph.user\",\"id\":\"u1\"}"));
        write("securityDefaults.json", "{\"id\":\"00000000\",\"isEnabled\":true}");
        write("organization.json", value("{\"id\":\"t-1\",\"displayName\":\"Contoso\"}"));

        TenantSnapshot s = load();

        assertThat(s.tenantId()).isEqualTo("t-1");
        assertThat(s.info().displayName()).isEqualTo("Contoso");
        assertThat(s.role()).isEqualTo(TenantRole.CUSTOMER);
        assertThat(s.collectedAt()).isEqualTo(Instant.parse("2026-11-25T09:00:00Z"));
        assertThat(s.info().loadProblem()).isNull();
        assertThat(s.licences().tier()).isEqualTo(Licences.Tier.P2);
        assertThat(s.users().orNull()).extracting(User::id).containsExactly("u1", "u2");
        assertThat(s.users().orNull().get(0).enabled()).isTrue();
        assertThat(s.users().orNull().get(1).guest()).isTrue();
        assertThat(s.groups().orNull()).hasSize(1);
        assertThat(s.groupMembers().get("g1").orNull()).singleElement()
                .satisfies(m -> assertThat(m.isUser()).isTrue());
        assertThat(s.securityDefaults().orNull().enabled()).isTrue();
        assertThat(s.organization().isPresent()).isTrue();
    }

    @Test
    void anAbsentFileIsMissingWithAReasonNamingTheFile() throws IOException {
        write("users.json", value(USER));

        TenantSnapshot s = load();

        assertThat(s.users().isPresent()).isTrue();
        assertThat(reason(s.groups())).contains("groups.json").contains("not collected");
        assertThat(((Data.Missing<?>) s.groups()).file()).isEqualTo("groups.json");
        assertThat(reason(s.applications())).contains("applications.json");
        assertThat(reason(s.groupMembers().get("g-unknown"))).contains("g-unknown");
    }

    // Regression test, fixed: GraphFiles.keyed passes the bare object id to whenAbsent (TenantLoader gives it files::absent, which
    // expects a file name), so an absent per-object file reads "g-unknown was not collected" with file "g-unknown",
    // instead of naming groupMembers/g-unknown.json (formats.md §1: the reason names the file).
    @Test
    void anAbsentPerObjectFileIsMissingWithAReasonNamingItsPath() throws IOException {
        licences(sku("Enabled", 1, "AAD_PREMIUM_P2"));
        TenantSnapshot s = load();

        Data<?> members = s.groupMembers().get("g-unknown");
        assertThat(reason(members)).contains("groupMembers/g-unknown.json");
        assertThat(((Data.Missing<?>) members).file()).isEqualTo("groupMembers/g-unknown.json");
        assertThat(reason(s.authenticationMethods().get("u1"))).contains("authenticationMethods/u1.json");
        assertThat(reason(s.delegatedAdminAccessAssignments().get("r1"))).contains("delegatedAdminAccessAssignments/r1.json");
        assertThat(reason(s.pimGroupAssignmentSchedules().get("g1"))).contains("pimGroupAssignmentSchedules/g1.json");
    }

    @Test
    void anAbsentFileWithACollectorErrorCarriesTheStatusAndCode() throws IOException {
        write("tenant.json", """
                {"tenantId":"t-1","role":"customer","collectedAt":"2026-11-26T10:00:00Z",
                 "errors":{"directoryAudits.json":{"status":403,"code":"Authorization_RequestDenied",
                                                   "message":"Insufficient privileges"},
                           "authenticationMethods/u9.json":{"status":404,"code":"Request_ResourceNotFound"}}}
                """);

        TenantSnapshot s = load();

        assertThat(reason(s.directoryAudits())).contains("directoryAudits.json", "403",
                "Authorization_RequestDenied", "Insufficient privileges");
        assertThat(reason(s.authenticationMethods().get("u9"))).contains("404", "Request_ResourceNotFound");
        assertThat(s.info().error("directoryAudits.json")).isPresent();
    }

    @Test
    void aFileTheCollectorRecordedAsFailedIsNotUsedEvenIfPresent() throws IOException {
        write("tenant.json", "{\"tenantId\":\"t-1\",\"errors\":{\"users.json\":{\"status\":429,\"code\":\"TooMany\"}}}");
        write("users.json", value(USER));

        assertThat(reason(load().users())).contains("429", "TooMany");
    }

    @Test
    void aFileThatStillHoldsANextLinkWasCutShort() throws IOException {
        write("users.json", value(USER).replace("\"value\"",
                "\"@odata.nextLink\":\"https://graph.microsoft.com/v1.0/users?$skiptoken=abc\",\"value\""));
        write("groups.json", "{\"value\":[" + GROUP + "],\"@odata.nextLink\":\"https://graph/next\"}");
        write("applications.json", "{\"value\":[],\"@odata.nextLink\":null}");

        TenantSnapshot s = load();

        assertThat(reason(s.users())).contains("users.json", "cut short");
        assertThat(reason(s.groups())).contains("groups.json", "cut short");
        assertThat(s.applications().isPresent()).as("a null nextLink is the last page").isTrue();
    }

    static Stream<Arguments> malformedUsers() {
        return Stream.of(
                Arguments.of("truncated", "{\"value\":[\n{\"id\":\"u1\",\n\"userPrincipalName\":\"a", 3),
                Arguments.of("empty file", "", 1),
                Arguments.of("array instead of object", "[]", 1),
                Arguments.of("value is not an array", "{\n\"value\":{\"id\":\"u1\"}}", 2),
                Arguments.of("value entry not an object", "{\"value\":[\n\"u1\"]}", 2),
                Arguments.of("no value at all", "{\"@odata.context\":\"x\"}", 1),
                Arguments.of("wrong type: accountEnabled \"yes\"",
                        "{\"value\":[\n{\"id\":\"u1\",\"assignedPlans\":[],\n\"accountEnabled\":\"yes\"}]}", 3),
                Arguments.of("wrong type: accountEnabled \"true\"",
                        "{\"value\":[\n{\"id\":\"u1\",\"assignedPlans\":[],\"accountEnabled\":\"true\"}]}", 2),
                Arguments.of("wrong type: accountEnabled 1",
                        "{\"value\":[\n{\"id\":\"u1\",\"assignedPlans\":[],\"accountEnabled\":1}]}", 2),
                Arguments.of("wrong type: assignedPlans an object", "{\"value\":[\n{\"id\":\"u1\",\"accountEnabled\":true,"
                        + "\"assignedPlans\":{\"service\":\"exchange\"}}]}", 2),
                Arguments.of("wrong type: userPrincipalName an object", "{\"value\":[\n{\"id\":\"u1\",\"accountEnabled\":true,"
                        + "\"assignedPlans\":[],\"userPrincipalName\":{\"a\":1}}]}", 2),
                Arguments.of("duplicate key", "{\"value\":[\n{\"id\":\"u1\",\"accountEnabled\":true,\"assignedPlans\":[],"
                        + "\n\"id\":\"u2\"}]}", 3),
                Arguments.of("content after the object", "{\"value\":[]}\n{\"value\":[]}", 2),
                Arguments.of("not JSON at all", "<html>\n<body>502 Bad Gateway</body></html>", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedUsers")
    void aMalformedFileIsMissingWithLineAndColumnAndTheOthersStillLoad(String what, String text, int line)
            throws IOException {
        write("users.json", text);
        write("groups.json", value(GROUP));
        write("securityDefaults.json", "{\"isEnabled\":false}");

        TenantSnapshot s = load();

        assertThat(reason(s.users())).contains("users.json").containsPattern("line \\d+, column \\d+")
                .contains("line " + line + ",");
        assertThat(s.groups().isPresent()).isTrue();
        assertThat(s.securityDefaults().isPresent()).isTrue();
    }

    // Regression test, fixed: Json.MAPPER promises "strict on types", and SignInReader rejects a number or boolean where a string
    // belongs, but the Jackson-bound types (users, riskyUsers, groups, ...) silently coerce scalars to strings:
    // "id": 7 loads as "7" and "riskState": true as "true", so a malformed file is read as if it were well-formed
    // instead of being unreadable with line and column (formats.md §1).
    @Test
    void aNumberOrBooleanWhereGraphSendsAStringIsUnreadable() throws IOException {
        licences(sku("Enabled", 1, "AAD_PREMIUM_P2"));
        write("users.json", "{\"value\":[\n{\"id\":7,\"userPrincipalName\":\"ann@contoso.com\",\"accountEnabled\":true,"
                + "\"assignedPlans\":[]}]}");
        write("riskyUsers.json", "{\"value\":[\n{\"id\":\"u1\",\"riskState\":true}]}");

        TenantSnapshot s = load();

        assertThat(reason(s.users())).contains("users.json").contains("line 2, column");
        assertThat(reason(s.riskyUsers())).contains("riskyUsers.json").contains("line 2, column");
    }

    static Stream<Arguments> usersLackingARequiredProperty() {
        return Stream.of(
                Arguments.of("accountEnabled", "{\"id\":\"u2\",\"userPrincipalName\":\"bob@contoso.com\",\"assignedPlans\":[]}"),
                Arguments.of("assignedPlans", "{\"id\":\"u2\",\"userPrincipalName\":\"bob@contoso.com\",\"accountEnabled\":true}"),
                Arguments.of("id", "{\"userPrincipalName\":\"bob@contoso.com\",\"accountEnabled\":true,\"assignedPlans\":[]}"));
    }

    @ParameterizedTest(name = "without {0}")
    @MethodSource("usersLackingARequiredProperty")
    void aUserEntryWithoutARequiredPropertyMakesUsersMissingNamingItAndTheLine(String property, String entry)
            throws IOException {
        // a plain GET /users has no accountEnabled or assignedPlans: reading "absent" as false or none would pass
        write("users.json", "{\"value\":[\n" + USER + ",\n" + entry + "]}");
        write("groups.json", value(GROUP));

        TenantSnapshot s = load();

        assertThat(reason(s.users())).contains("users.json", "an entry has no \"" + property + "\"", "formats.md")
                .contains("line 3, column");
        assertThat(s.groups().isPresent()).isTrue();
    }

    @Test
    void requiredUserPropertiesMayBeNullOrEmpty() throws IOException {
        write("users.json", value("{\"id\":\"u1\",\"accountEnabled\":null,\"assignedPlans\":null}",
                "{\"id\":null,\"accountEnabled\":false,\"assignedPlans\":[]}"));

        List<User> users = load().users().orNull();

        assertThat(users).hasSize(2);
        assertThat(users.get(0).enabled()).isFalse();
        assertThat(users.get(1).id()).isNull();
    }

    @Test
    void aMalformedSingleObjectIsMissingWithLineAndColumn() throws IOException {
        write("securityDefaults.json", "[\n{\"isEnabled\":true}]");
        write("authenticationMethodsPolicy.json", "{\"id\":\"x\"}\n{}");
        write("users.json", value(USER));

        TenantSnapshot s = load();

        assertThat(reason(s.securityDefaults())).contains("securityDefaults.json").contains("line 1, column");
        assertThat(reason(s.authenticationMethodsPolicy())).containsPattern("line 2, column \\d+");
        assertThat(s.users().isPresent()).isTrue();
    }

    @Test
    void wrongTypedSignInFieldsMakeTheSignInFileMissingWithLineAndColumn() throws IOException {
        licences(sku("Enabled", 1, "AAD_PREMIUM"));
        write("signIns.json", "{\"value\":[\n{\"id\":\"s1\"," + SIGN_IN_REQUIRED + "},\n"
                + "{\"id\":\"s2\",\"createdDateTime\":\"2026-11-20T08:00:00Z\",\"authenticationRequirement\":\"x\","
                + "\"crossTenantAccessType\":\"none\",\"status\":{\"errorCode\":\"x\"}}]}");
        write("users.json", value(USER));

        TenantSnapshot s = load();

        assertThat(reason(s.signIns())).contains("signIns.json", "errorCode").contains("line 3, column");
        assertThat(s.users().isPresent()).isTrue();
    }

    static Stream<Arguments> badSignIns() {
        String rest = "\"authenticationRequirement\":\"multiFactorAuthentication\",\"crossTenantAccessType\":\"none\"";
        return Stream.of(
                Arguments.of("{\"id\":\"s1\",\"createdDateTime\":\"yesterday\",\"status\":{\"errorCode\":0}," + rest + "}"),
                Arguments.of("{\"id\":\"s1\",\"createdDateTime\":\"2026-11-20T08:00:00Z\",\"status\":\"ok\"," + rest + "}"),
                Arguments.of("{\"id\":\"s1\"," + SIGN_IN_REQUIRED + ",\"deviceDetail\":{\"isCompliant\":\"true\"}}"),
                Arguments.of("{\"id\":\"s1\"," + SIGN_IN_REQUIRED + ",\"deviceDetail\":[]}"),
                Arguments.of("{\"id\":7," + SIGN_IN_REQUIRED + "}"));
    }

    @ParameterizedTest
    @MethodSource("badSignIns")
    void everyWrongShapeInASignInIsUnreadableNotACrash(String item) throws IOException {
        licences(sku("Enabled", 1, "AAD_PREMIUM"));
        write("signIns.json", "{\"value\":[\n" + item + "]}");

        assertThat(reason(load().signIns())).contains("signIns.json").containsPattern("line 2, column \\d+");
    }

    @Test
    void aDuplicatedKeyInASignInResolvesToTheLastLikeJacksonAlways() throws IOException {
        // Sign-in logs are read without duplicate-key detection, for speed (docs/decisions.md); elsewhere it is on.
        licences(sku("Enabled", 1, "AAD_PREMIUM"));
        write("signIns.json", "{\"value\":[{\"id\":\"s1\"," + SIGN_IN_REQUIRED + ","
                + "\"authenticationRequirement\":\"singleFactorAuthentication\"}]}");

        assertThat(load().signIns().orNull()).singleElement().satisfies(s -> assertThat(s.singleFactor()).isTrue());
    }

    static Stream<Arguments> signInsLackingARequiredField() {
        String id = "\"id\":\"s1\"";
        String created = "\"createdDateTime\":\"2026-11-20T08:00:00Z\"";
        String status = "\"status\":{\"errorCode\":0}";
        String authReq = "\"authenticationRequirement\":\"multiFactorAuthentication\"";
        String cross = "\"crossTenantAccessType\":\"none\"";
        return Stream.of(
                Arguments.of("id", String.join(",", created, status, authReq, cross)),
                Arguments.of("id", String.join(",", "\"id\":null", created, status, authReq, cross)),
                Arguments.of("createdDateTime", String.join(",", id, status, authReq, cross)),
                Arguments.of("status.errorCode", String.join(",", id, created, authReq, cross)),
                Arguments.of("status.errorCode", String.join(",", id, created, "\"status\":{\"failureReason\":null}", authReq,
                        cross)),
                Arguments.of("status.errorCode", String.join(",", id, created, "\"status\":null", authReq, cross)),
                Arguments.of("authenticationRequirement", String.join(",", id, created, status, cross)),
                Arguments.of("authenticationRequirement", String.join(",", id, created, status,
                        "\"authenticationRequirement\":null", cross)),
                Arguments.of("crossTenantAccessType", String.join(",", id, created, status, authReq)));
    }

    @ParameterizedTest(name = "without {0}: {1}")
    @MethodSource("signInsLackingARequiredField")
    void aSignInWithoutAFieldTheControlsDecideOnMakesTheSignInFileMissing(String field, String item)
            throws IOException {
        // reading the absence as "not single-factor" or "not a service provider" would be a pass for lack of data
        licences(sku("Enabled", 1, "AAD_PREMIUM"));
        write("signIns.json", "{\"value\":[\n{\"id\":\"s0\"," + SIGN_IN_REQUIRED + "},\n{" + item + "}]}");
        write("users.json", value(USER));

        TenantSnapshot s = load();

        assertThat(reason(s.signIns())).contains("signIns.json", field).contains("line 3, column");
        assertThat(s.users().isPresent()).isTrue();
    }

    @Test
    void signInsAreReadIntoTheCompactShape() throws IOException {
        licences(sku("Enabled", 1, "AAD_PREMIUM"));
        write("signIns.json", value("""
                {"id":"s1","createdDateTime":"2026-11-20T08:00:00Z","userId":"u1","userPrincipalName":"ann@contoso.com",
                 "appId":"a1","appDisplayName":"Portal","ipAddress":"10.0.0.1","status":{"errorCode":0,"failureReason":null},
                 "authenticationRequirement":"multiFactorAuthentication","crossTenantAccessType":"serviceProvider",
                 "location":{"city":"X","geoCoordinates":{"latitude":1.5}},"appliedConditionalAccessPolicies":[{"id":"p"}],
                 "deviceDetail":{"deviceId":"d1","displayName":"PAW-01","isCompliant":true,"isManaged":null,"trustType":"x"}}
                """));

        SignIn in = load().signIns().orNull().get(0);

        assertThat(in.successful()).isTrue();
        assertThat(in.multiFactor()).isTrue();
        assertThat(in.createdDateTime()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
        assertThat(in.deviceName()).isEqualTo("PAW-01");
        assertThat(in.isCompliant()).isTrue();
        assertThat(in.isManaged()).isNull();
        assertThat(in.crossTenantAccessType()).isEqualTo("serviceProvider");
    }

    @Test
    void gzippedFilesAreReadLikePlainOnes() throws IOException {
        licences(sku("Enabled", 1, "AAD_PREMIUM_P2"));
        gzip("users.json.gz", value(USER));
        gzip("groupMembers/g1.json.gz", value("{\"@odata.type\":\"#microsoft.graph.user\",\"id\":\"u1\"}"));
        gzip("signIns.json.gz", value("{\"id\":\"s1\",\"status\":{\"errorCode\":50126},"
                + "\"createdDateTime\":\"2026-11-20T08:00:00Z\",\"authenticationRequirement\":\"singleFactorAuthentication\","
                + "\"crossTenantAccessType\":\"none\"}"));
        gzip("riskyUsers.json.gz", "{\"value\":[\n{\"id\":\"u1\",\"riskState\":");

        TenantSnapshot s = load();

        assertThat(s.users().orNull()).extracting(User::userPrincipalName).containsExactly("ann@contoso.com");
        assertThat(s.groupMembers().get("g1").orNull()).hasSize(1);
        assertThat(s.signIns().orNull()).singleElement().satisfies(i -> assertThat(i.successful()).isFalse());
        assertThat(reason(s.riskyUsers())).contains("riskyUsers.json").contains("line 2, column");
    }

    @Test
    void aBrokenGzipIsMissingNotACrash() throws IOException {
        write("users.json.gz", "this is not gzip");
        write("groups.json", value(GROUP));

        TenantSnapshot s = load();

        assertThat(reason(s.users())).contains("users.json");
        assertThat(s.groups().isPresent()).isTrue();
    }

    // ---- licences -----------------------------------------------------------------------------------------

    @Test
    void withoutAadPremiumTheTenantIsFreeAndLicenceImpossibleDataIsPresentAndEmpty() throws IOException {
        licences(sku("Enabled", 25, "EXCHANGE_S_STANDARD", "MCOSTANDARD"));
        write("conditionalAccessPolicies.json", value("{\"id\":\"p1\",\"displayName\":\"Require MFA\",\"state\":\"enabled\"}"));

        TenantSnapshot s = load();

        assertThat(s.licences().tier()).isEqualTo(Licences.Tier.FREE);
        assertThat(s.roleAssignmentSchedules()).isEqualTo(Data.present(List.of()));
        assertThat(s.roleEligibilitySchedules()).isEqualTo(Data.present(List.of()));
        assertThat(s.roleManagementPolicyAssignments()).isEqualTo(Data.present(List.of()));
        assertThat(s.riskyUsers()).isEqualTo(Data.present(List.of()));
        assertThat(s.pimGroupAssignmentSchedules().get("g1")).isEqualTo(Data.present(List.of()));
        assertThat(s.pimGroupPolicyAssignments().get("g1")).isEqualTo(Data.present(List.of()));
        assertThat(s.conditionalAccessPolicies())
                .as("policies do not count without P1, even when the file exists")
                .isEqualTo(Data.<List<CaPolicy>>present(List.of()));
        assertThat(reason(s.signIns())).as("sign-ins exist but cannot be read: missing, never empty")
                .contains("signIns.json", "P1");
        assertThat(reason(s.users())).doesNotContain("P1");
    }

    @Test
    void withoutP1ASignInsFileThatWasCollectedIsStillMissing() throws IOException {
        // Graph serves no sign-in logs to such a tenant: a file claiming to hold them is not trusted (an empty one
        // would pass every sign-in clause)
        licences(sku("Enabled", 25, "EXCHANGE_S_STANDARD"));
        write("signIns.json", value("{\"id\":\"s1\"," + SIGN_IN_REQUIRED + "}"));

        assertThat(reason(load().signIns())).contains("signIns.json", "present", "P1 or P2");

        write("signIns.json", value());
        assertThat(reason(load().signIns())).as("an empty file too").contains("signIns.json", "P1 or P2");
    }

    @Test
    void withP1ASignInsFileIsRead() throws IOException {
        licences(sku("Enabled", 25, "AAD_PREMIUM"));
        write("signIns.json", value("{\"id\":\"s1\"," + SIGN_IN_REQUIRED + "}"));

        assertThat(load().signIns().orNull()).singleElement().satisfies(i -> assertThat(i.id()).isEqualTo("s1"));
    }

    @Test
    void withUnknownLicencesASignInsFileIsRead() throws IOException {
        // only licences KNOWN to lack P1 rule the file out
        write("signIns.json", value("{\"id\":\"s1\"," + SIGN_IN_REQUIRED + "}"));

        TenantSnapshot s = load();

        assertThat(s.licences().known()).isFalse();
        assertThat(s.signIns().orNull()).hasSize(1);
    }

    @Test
    void withoutP1AndACollectorErrorTheSignInReasonCarriesBoth() throws IOException {
        write("tenant.json", "{\"tenantId\":\"t-1\",\"errors\":{\"signIns.json\":{\"status\":403,"
                + "\"code\":\"Authentication_RequestFromNonPremiumTenantOrB2CTenant\"}}}");
        licences(sku("Enabled", 25, "EXCHANGE_S_STANDARD"));

        assertThat(reason(load().signIns())).contains("403", "NonPremiumTenant", "P1");
    }

    @Test
    void p1CountsConditionalAccessButNotPim() throws IOException {
        licences(sku("Enabled", 10, "AAD_PREMIUM"));
        write("conditionalAccessPolicies.json", value("{\"id\":\"p1\",\"state\":\"enabled\"}"));

        TenantSnapshot s = load();

        assertThat(s.licences().tier()).isEqualTo(Licences.Tier.P1);
        assertThat(s.licences().hasP1()).isTrue();
        assertThat(s.licences().hasP2()).isFalse();
        assertThat(s.conditionalAccessPolicies().orNull()).hasSize(1);
        assertThat(s.roleAssignmentSchedules()).isEqualTo(Data.present(List.of()));
        assertThat(s.riskyUsers()).isEqualTo(Data.present(List.of()));
        assertThat(reason(s.signIns())).contains("signIns.json").doesNotContain("P1 or P2");
    }

    @Test
    void p2AloneImpliesP1AndItsFilesAreMissingWhenAbsent() throws IOException {
        licences(sku("enabled", 1, "AAD_PREMIUM_P2"));

        TenantSnapshot s = load();

        assertThat(s.licences().tier()).isEqualTo(Licences.Tier.P2);
        assertThat(s.licences().hasP1()).isTrue();
        assertThat(reason(s.roleAssignmentSchedules())).contains("roleAssignmentSchedules.json");
        assertThat(reason(s.riskyUsers())).contains("riskyUsers.json");
        assertThat(reason(s.conditionalAccessPolicies())).contains("conditionalAccessPolicies.json");
        assertThat(reason(s.pimGroupAssignmentSchedules().get("g1"))).contains("g1");
    }

    @Test
    void withoutSubscribedSkusTheLicencesAreUnknownAndP2OnlyFilesAreMissing() throws IOException {
        write("users.json", value(USER));

        TenantSnapshot s = load();

        assertThat(s.licences().tier()).isEqualTo(Licences.Tier.UNKNOWN);
        assertThat(s.licences().known()).isFalse();
        assertThat(s.licences().unknownReason()).contains("subscribedSkus.json");
        assertThat(reason(s.roleAssignmentSchedules())).contains("roleAssignmentSchedules.json");
        assertThat(reason(s.roleEligibilitySchedules())).contains("roleEligibilitySchedules.json");
        assertThat(reason(s.riskyUsers())).contains("riskyUsers.json");
        assertThat(reason(s.pimGroupPolicyAssignments().get("g1"))).contains("g1");
        assertThat(reason(s.conditionalAccessPolicies())).contains("conditionalAccessPolicies.json");
        assertThat(reason(s.signIns())).contains("signIns.json");
    }

    @Test
    void aMalformedSubscribedSkusMakesTheLicencesUnknownWithTheReason() throws IOException {
        write("subscribedSkus.json", "{\"value\":[\n{\"capabilityStatus\":\"Enabled\",\"prepaidUnits\":{\"enabled\":\"many\"}}]}");

        Licences l = load().licences();

        assertThat(l.tier()).isEqualTo(Licences.Tier.UNKNOWN);
        assertThat(l.unknownReason()).contains("subscribedSkus.json").contains("line 2, column");
    }

    @Test
    void aSuspendedSkuOrOneWithoutEnabledUnitsDoesNotCount() throws IOException {
        licences(sku("Suspended", 10, "AAD_PREMIUM_P2", "AAD_PREMIUM"),
                sku("Warning", 10, "AAD_PREMIUM_P2"),
                sku("Enabled", 0, "AAD_PREMIUM_P2", "AAD_PREMIUM"),
                sku("Enabled", 3, "EXCHANGE_S_STANDARD"));

        assertThat(load().licences().tier()).isEqualTo(Licences.Tier.FREE);
    }

    static Stream<Arguments> premiumSkusWithoutPrepaidUnits() {
        return Stream.of(
                Arguments.of("{\"capabilityStatus\":\"Enabled\",\"servicePlans\":[{\"servicePlanName\":\"AAD_PREMIUM\"}]}"),
                Arguments.of("{\"capabilityStatus\":\"Enabled\",\"prepaidUnits\":null,"
                        + "\"servicePlans\":[{\"servicePlanName\":\"AAD_PREMIUM_P2\"}]}"),
                Arguments.of("{\"capabilityStatus\":\"Enabled\",\"prepaidUnits\":{\"suspended\":0},"
                        + "\"servicePlans\":[{\"servicePlanName\":\"AAD_PREMIUM\"}]}"),
                Arguments.of("{\"capabilityStatus\":\"Enabled\",\"prepaidUnits\":{\"enabled\":null},"
                        + "\"servicePlans\":[{\"servicePlanName\":\"AAD_PREMIUM_P2\"},{\"servicePlanName\":\"AAD_PREMIUM\"}]}"));
    }

    @ParameterizedTest
    @MethodSource("premiumSkusWithoutPrepaidUnits")
    void anEnabledPremiumSkuWithoutPrepaidUnitsMakesTheLicencesUnknown(String premium) throws IOException {
        // whether it is really there is not known: neither yes nor no
        licences(premium, sku("Enabled", 3, "EXCHANGE_S_STANDARD"));

        TenantSnapshot s = load();

        assertThat(s.licences().tier()).isEqualTo(Licences.Tier.UNKNOWN);
        assertThat(s.licences().known()).isFalse();
        assertThat(s.licences().unknownReason()).contains("subscribedSkus.json", "prepaidUnits.enabled");
        assertThat(reason(s.roleAssignmentSchedules())).as("no longer ruled out by the licence")
                .contains("roleAssignmentSchedules.json");
    }

    @Test
    void aPremiumSkuWithoutPrepaidUnitsDoesNotMatterWhenAnotherProvesP2() throws IOException {
        licences("{\"capabilityStatus\":\"Enabled\",\"servicePlans\":[{\"servicePlanName\":\"AAD_PREMIUM\"}]}",
                sku("Enabled", 2, "AAD_PREMIUM_P2", "AAD_PREMIUM"));

        assertThat(load().licences().tier()).isEqualTo(Licences.Tier.P2);
    }

    @Test
    void aSkuWithoutPrepaidUnitsThatIsNotPremiumOrNotEnabledDoesNotMatter() throws IOException {
        licences("{\"capabilityStatus\":\"Enabled\",\"servicePlans\":[{\"servicePlanName\":\"EXCHANGE_S_STANDARD\"}]}",
                "{\"capabilityStatus\":\"Suspended\",\"servicePlans\":[{\"servicePlanName\":\"AAD_PREMIUM_P2\"}]}",
                sku("Enabled", 1, "AAD_PREMIUM"));

        assertThat(load().licences().tier()).isEqualTo(Licences.Tier.P1);
    }

    @Test
    void anEnabledSkuNextToASuspendedOneCounts() throws IOException {
        licences(sku("Suspended", 10, "AAD_PREMIUM_P2"), sku("Enabled", 1, "AAD_PREMIUM"));

        assertThat(load().licences().tier()).isEqualTo(Licences.Tier.P1);
    }

    // ---- azureRoleAssignments.json (optional) ----------------------------------------------------------------

    private static final String AZURE_ASSIGNMENT = "{\"id\":\"/subscriptions/s1/providers/Microsoft.Authorization/"
            + "roleAssignments/ra1\",\"name\":\"ra1\",\"properties\":{\"roleDefinitionId\":\"/subscriptions/s1/providers/"
            + "Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635\",\"principalId\":\"u1\","
            + "\"principalType\":\"User\",\"scope\":\"/subscriptions/s1\"}}";

    @Test
    void absentAzureRoleAssignmentsNotRecordedAsFailedArePresentAndEmpty() throws IOException {
        // there is nothing to judge: the tenant has no Azure subscriptions the collector could see
        write("tenant.json", "{\"tenantId\":\"t-1\",\"errors\":{\"directoryAudits.json\":{\"status\":403}}}");

        assertThat(load().azureRoleAssignments()).isEqualTo(Data.present(List.of()));
    }

    @Test
    void azureRoleAssignmentsRecordedAsFailedAreMissingWithTheError() throws IOException {
        write("tenant.json", "{\"tenantId\":\"t-1\",\"errors\":{\"azureRoleAssignments.json\":{\"status\":403,"
                + "\"code\":\"AuthorizationFailed\"}}}");

        Data<?> absent = load().azureRoleAssignments();
        assertThat(reason(absent)).contains("azureRoleAssignments.json", "403", "AuthorizationFailed");
        assertThat(((Data.Missing<?>) absent).file()).isEqualTo("azureRoleAssignments.json");

        write("azureRoleAssignments.json", value(AZURE_ASSIGNMENT));
        assertThat(reason(load().azureRoleAssignments())).as("even if a (perhaps partial) file is there")
                .contains("azureRoleAssignments.json", "403");
    }

    @Test
    void unreadableAzureRoleAssignmentsAreMissingWithLineAndColumn() throws IOException {
        write("azureRoleAssignments.json", "{\"value\":[\n{\"id\":\"ra1\",\"properties\":");

        assertThat(reason(load().azureRoleAssignments())).contains("azureRoleAssignments.json")
                .contains("line 2, column");
    }

    @Test
    void presentAzureRoleAssignmentsAreRead() throws IOException {
        write("azureRoleAssignments.json", value(AZURE_ASSIGNMENT));

        assertThat(load().azureRoleAssignments().orNull()).singleElement().satisfies(a -> {
            assertThat(a.principalId()).isEqualTo("u1");
            assertThat(a.roleGuid()).isEqualTo("8e3af657-a8ff-443c-a75c-2fe8c4bcb635");
        });
    }

    // ---- hostile and odd content --------------------------------------------------------------------------

    @Test
    void hostileStringsLoadUnchanged() throws IOException {
        String html = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        String formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
        String unicode = "Zoë Ünïcødé \u202Eevil\u202C 🙂 \u0000end";
        String huge = "A".repeat(10_000);
        String json = value(
                user("u1", html), user("u2", formula), user("u3", unicode), user("u4", huge),
                user("u5", "+cmd|' /C calc'!A0"), user("u6", "@SUM(1+1)*cmd"));
        write("users.json", json);

        List<User> users = load().users().orNull();

        assertThat(users).extracting(User::displayName)
                .containsExactly(html, formula, unicode, huge, "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd");
    }

    private static String user(String id, String displayName) {
        return "{\"id\":\"" + id + "\",\"accountEnabled\":true,\"assignedPlans\":[],\"displayName\":" + quote(displayName)
                + "}";
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    @Test
    void unknownPropertiesAndDeeplyNestedJunkInThemAreIgnored() throws IOException {
        String junk = "[".repeat(400) + "{\"a\":null}" + "]".repeat(400);
        write("users.json", "{\"@odata.context\":\"x\",\"@odata.count\":1,\"extra\":" + junk + ",\"value\":["
                + "{\"id\":\"u1\",\"userPrincipalName\":\"ann@contoso.com\",\"futureProperty\":{\"deep\":" + junk
                + "},\"anotherOne\":[1,2,3],\"accountEnabled\":true,\"assignedPlans\":[]}]}");
        write("groups.json", value("{\"id\":\"g1\",\"nested\":" + junk + ",\"displayName\":\"G\"}"));
        write("securityDefaults.json", "{\"isEnabled\":true,\"unknown\":" + junk + "}");

        TenantSnapshot s = load();

        assertThat(s.users().orNull()).singleElement().satisfies(u -> {
            assertThat(u.userPrincipalName()).isEqualTo("ann@contoso.com");
            assertThat(u.enabled()).isTrue();
        });
        assertThat(s.groups().orNull()).singleElement().satisfies(g -> assertThat(g.displayName()).isEqualTo("G"));
        assertThat(s.securityDefaults().orNull().enabled()).isTrue();
    }

    @Test
    void absurdlyDeepNestingIsUnreadableNotACrash() throws IOException {
        String junk = "[".repeat(100_000) + "]".repeat(100_000);
        write("users.json", "{\"value\":[{\"id\":\"u1\",\"accountEnabled\":true,\"assignedPlans\":[],\"x\":" + junk + "}]}");
        write("signIns.json", "{\"value\":[{\"id\":\"s1\"," + SIGN_IN_REQUIRED + ",\"x\":" + junk + "}]}");
        write("groups.json", value(GROUP));

        TenantSnapshot s = load();

        assertThat(reason(s.users())).contains("users.json");
        assertThat(reason(s.signIns())).contains("signIns.json");
        assertThat(s.groups().isPresent()).isTrue();
    }

    @Test
    void odataTypeIsReadForDerivedTypes() throws IOException {
        write("groupMembers/g1.json", value(
                "{\"@odata.type\":\"#microsoft.graph.user\",\"id\":\"u1\"}",
                "{\"@odata.type\":\"#microsoft.graph.servicePrincipal\",\"id\":\"sp1\"}",
                "{\"@odata.type\":\"#microsoft.graph.group\",\"id\":\"g2\"}"));

        var members = load().groupMembers().get("G1").orNull();

        assertThat(members).extracting(m -> m.isUser()).containsExactly(true, false, false);
        assertThat(members.get(1).isServicePrincipal()).isTrue();
    }

    @Test
    void perObjectFilesAreKeyedCaseInsensitivelyAndEachIsJudgedOnItsOwn() throws IOException {
        write("authenticationMethods/AbC-1.json", value("{\"@odata.type\":\"#microsoft.graph.phoneAuthenticationMethod\",\"id\":\"m1\",\"phoneNumber\":\"+1 555\"}"));
        write("authenticationMethods/bad.json", "{\"value\":[\n}");

        TenantSnapshot s = load();

        assertThat(s.authenticationMethods().get("abc-1").orNull()).hasSize(1);
        assertThat(s.authenticationMethods().get("ABC-1").isPresent()).isTrue();
        assertThat(reason(s.authenticationMethods().get("bad"))).contains("authenticationMethods/bad.json")
                .contains("line 2, column");
        assertThat(reason(s.authenticationMethods().get("other"))).contains("other");
        assertThat(reason(s.authenticationMethods().get(null))).isNotBlank();
    }

    // Regression test, fixed: TenantLoader.load maps an empty organization list to null inside Data.Present.map, and Data.Present
    // rejects null: organization.json = {"value":[]} throws NullPointerException out of TenantLoader.load (the whole
    // tenant, and in Assessor the whole run, fails) instead of organization = Missing("holds no organization").
    @Test
    void anEmptyOrganizationIsMissingAndTheTenantStillLoads() {
        org.assertj.core.api.Assertions.assertThatCode(() -> {
            write("organization.json", value());
            write("users.json", value(USER));
            TenantSnapshot s = load();
            assertThat(reason(s.organization())).contains("organization.json");
            assertThat(s.users().isPresent()).isTrue();
        }).doesNotThrowAnyException();
    }

    // ---- tenant.json --------------------------------------------------------------------------------------

    @Test
    void aMalformedTenantJsonStillLoadsTheTenantWithTheFolderNameAndALoadProblem() throws IOException {
        write("tenant.json", "{\"tenantId\":\"t-1\",\n\"displayName\":");
        write("users.json", value(USER));

        TenantSnapshot s = load();

        assertThat(s.tenantId()).isEqualTo(FOLDER);
        assertThat(s.collectedAt()).isEqualTo(T0);
        assertThat(s.info().loadProblem()).contains("tenant.json").containsPattern("line \\d+, column \\d+");
        assertThat(s.users().isPresent()).isTrue();
    }

    @Test
    void aTenantJsonWithAnUnknownRoleOrWrongTypesIsALoadProblem() throws IOException {
        write("tenant.json", "{\"tenantId\":\"t-1\",\"role\":\"boss\"}");
        write("users.json", value(USER));

        TenantSnapshot s = load();

        assertThat(s.tenantId()).isEqualTo(FOLDER);
        assertThat(s.info().loadProblem()).contains("tenant.json", "boss");
        assertThat(s.users().isPresent()).isTrue();

        write("tenant.json", "{\"tenantId\":\"t-1\",\"collectedAt\":\"last tuesday\"}");
        TenantSnapshot again = load();
        assertThat(again.tenantId()).isEqualTo(FOLDER);
        assertThat(again.info().loadProblem()).contains("tenant.json");
        assertThat(again.collectedAt()).isEqualTo(T0);
    }

    @Test
    void withoutTenantJsonTheFolderAndCollectionStandIn() throws IOException {
        write("users.json", value(USER));

        TenantSnapshot s = TenantLoader.load(dir(), FOLDER, FOLDER.toUpperCase(), T0).snapshot();

        assertThat(s.tenantId()).isEqualTo(FOLDER);
        assertThat(s.isPartner()).as("the folder named as the collection's partner").isTrue();
        assertThat(s.info().loadProblem()).contains("tenant.json");
        assertThat(s.users().isPresent()).isTrue();
    }

    @Test
    void theRoleFollowsTenantJsonThenThePartnerId() throws IOException {
        write("tenant.json", "{\"tenantId\":\"T-1\",\"role\":\"Partner\"}");
        assertThat(load().isPartner()).isTrue();

        write("tenant.json", "{\"tenantId\":\"t-1\"}");
        assertThat(TenantLoader.load(dir(), FOLDER, "T-1", T0).snapshot().isPartner()).isTrue();
        assertThat(TenantLoader.load(dir(), FOLDER, "other", T0).snapshot().isPartner()).isFalse();
    }

    // ---- users' signInActivity ----------------------------------------------------------------------------

    @Test
    void signInActivityAbsentIsUnknownButNullIsKnownNever() throws IOException {
        String required = "\"accountEnabled\":true,\"assignedPlans\":[],";
        write("users.json", value(
                "{" + required + "\"id\":\"absent\"}",
                "{" + required + "\"id\":\"null\",\"signInActivity\":null}",
                "{" + required + "\"id\":\"seen\",\"signInActivity\":{\"lastSignInDateTime\":\"2026-10-01T00:00:00Z\","
                        + "\"lastSuccessfulSignInDateTime\":\"2026-09-01T00:00:00Z\"}}",
                "{" + required + "\"id\":\"onlyLast\",\"signInActivity\":{\"lastSignInDateTime\":\"2026-10-01T00:00:00Z\","
                        + "\"lastSuccessfulSignInDateTime\":null}}"));

        List<User> users = load().users().orNull();

        assertThat(users.get(0).signInActivityKnown()).isFalse();
        assertThat(users.get(0).lastSuccessfulSignIn()).isEmpty();
        assertThat(users.get(1).signInActivityKnown()).isTrue();
        assertThat(users.get(1).lastSuccessfulSignIn()).isEmpty();
        assertThat(users.get(2).signInActivityKnown()).isTrue();
        assertThat(users.get(2).lastSuccessfulSignIn()).contains(Instant.parse("2026-09-01T00:00:00Z"));
        assertThat(users.get(3).lastSuccessfulSignIn()).contains(Instant.parse("2026-10-01T00:00:00Z"));
    }

    @Test
    void theLoaderReportsADigestForEveryFileOfTheFolder() throws IOException {
        write("tenant.json", "{\"tenantId\":\"t-1\"}");
        write("users.json", value(USER));
        write("notes.txt", "not read by the loader");
        gzip("groupMembers/g1.json.gz", value());

        var digests = TenantLoader.load(dir(), FOLDER, null, T0).fileDigests();

        assertThat(digests).containsOnlyKeys("tenant.json", "users.json", "notes.txt", "groupMembers/g1.json.gz");
        assertThat(digests.values()).allSatisfy(d -> assertThat(d).hasSize(64));
    }
}
