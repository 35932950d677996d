package io.cspguard.web.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EntraV1IssuerTest {
    private static final String TENANT = "8f1c2d3e-4a5b-4c6d-9e8f-0a1b2c3d4e5f";

    @Test
    void acceptsTheV1EndpointOfOneTenantPublishingItsStsIssuer() {
        assertThat(EntraV1Issuer.matches("https://login.microsoftonline.com/" + TENANT,
                "https://sts.windows.net/" + TENANT + "/")).isTrue();
    }

    @Test
    void refusesAnotherTenantsIssuer() {
        assertThat(EntraV1Issuer.matches("https://login.microsoftonline.com/" + TENANT,
                "https://sts.windows.net/00000000-4a5b-4c6d-9e8f-0a1b2c3d4e5f/")).isFalse();
    }

    @Test
    void refusesMultiTenantEndpoints() {
        assertThat(EntraV1Issuer.matches("https://login.microsoftonline.com/common",
                "https://sts.windows.net/{tenantid}/")).isFalse();
        assertThat(EntraV1Issuer.matches("https://login.microsoftonline.com/organizations",
                "https://sts.windows.net/" + TENANT + "/")).isFalse();
    }

    @Test
    void refusesOtherHostsAndTheV2Endpoint() {
        assertThat(EntraV1Issuer.matches("https://login.example.com/" + TENANT,
                "https://sts.windows.net/" + TENANT + "/")).isFalse();
        assertThat(EntraV1Issuer.matches("https://login.microsoftonline.com/" + TENANT + "/v2.0",
                "https://sts.windows.net/" + TENANT + "/")).isFalse();
        assertThat(EntraV1Issuer.matches("https://login.microsoftonline.com/" + TENANT,
                "https://sts.windows.net.evil.example/" + TENANT + "/")).isFalse();
    }
}
