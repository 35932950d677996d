package io.cspguard.controls.app;

import static io.cspguard.fixture.TenantFixture.AZURE_AD_GRAPH;
import static io.cspguard.fixture.TenantFixture.MICROSOFT_GRAPH;
import static io.cspguard.fixture.TenantFixture.cid;
import static io.cspguard.fixture.TenantFixture.pid;
import static io.cspguard.fixture.TenantFixture.resourceAccess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.cspguard.controls.Control;
import io.cspguard.controls.Scope;
import io.cspguard.fixture.Results;
import io.cspguard.fixture.TenantFixture;
import io.cspguard.result.ControlResult;
import io.cspguard.result.Finding;
import io.cspguard.result.Status;
import io.cspguard.snapshot.graph.Application;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSP.APP.1 — no application still depends on Azure AD Graph. */
class App1NoAzureAdGraphTest {
    private static final Control CONTROL = new App1NoAzureAdGraph();
    private static final String USER_READ = "311a71cc-e848-46a1-bdf8-97ff7156d8e6";
    private static final String DIRECTORY_READ_ALL = "5778995a-e1bf-45b8-affa-663a9f3f4d04";

    private static ControlResult run(TenantFixture f) {
        return Results.run(CONTROL, f.build());
    }

    private static Application legacy(String id, String resourceAppId) {
        return new Application(id, id + "-appid", "Legacy tool", List.of(
                resourceAccess(MICROSOFT_GRAPH, "e1fe6dd8-ba31-4d61-89e7-88639da4683d", "Scope"),
                new Application.RequiredResourceAccess(resourceAppId, List.of(
                        new Application.ResourceAccess(USER_READ, "Scope"),
                        new Application.ResourceAccess(DIRECTORY_READ_ALL, "Role")))), List.of());
    }

    @Test
    void basesPass_microsoftGraphOnly() {
        assertThat(run(TenantFixture.partner()).status()).isEqualTo(Status.PASS);
        assertThat(run(TenantFixture.customer()).status()).isEqualTo(Status.PASS);
        assertThat(CONTROL.info().scope()).isEqualTo(Scope.ALL);
    }

    @Test
    void appAskingForAzureAdGraphFails() {
        ControlResult r = run(TenantFixture.customer().addApplications(legacy(cid("app-legacy"), AZURE_AD_GRAPH)));
        assertThat(r.status()).as(Results.describe(r)).isEqualTo(Status.FAIL);
        assertThat(r.findings()).extracting(Finding::objectType, Finding::objectId, Finding::rule)
                .containsExactly(tuple("application", cid("app-legacy"), "azure-ad-graph"));
        assertThat(r.findings().get(0).detail())
                .contains(USER_READ, DIRECTORY_READ_ALL, "delegated", "application", "migrate to Microsoft Graph");
    }

    @Test
    void resourceAppIdIsComparedCaseInsensitively() {
        ControlResult r = run(TenantFixture.partner().addApplications(
                legacy(pid("app-legacy"), AZURE_AD_GRAPH.toUpperCase())));
        assertThat(Results.objectIds(r)).containsExactly(pid("app-legacy"));
    }

    @Test
    void everyAppIsNamed() {
        ControlResult r = run(TenantFixture.partner().addApplications(legacy(pid("app-a"), AZURE_AD_GRAPH),
                legacy(pid("app-b"), AZURE_AD_GRAPH)));
        assertThat(Results.objectIds(r)).containsExactlyInAnyOrder(pid("app-a"), pid("app-b"));
    }

    @Test
    void missingApplicationsIsNotAssessed() {
        ControlResult r = run(TenantFixture.partner().without("applications.json"));
        assertThat(r.status()).isEqualTo(Status.NOT_ASSESSED);
        assertThat(r.reason()).contains("applications.json");
    }
}
