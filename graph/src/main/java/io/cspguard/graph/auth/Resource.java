package io.cspguard.graph.auth;

/**
 * What a token is for. The scope is always Microsoft's resource name, whatever base URL the profile gives: the
 * simulator serves Graph and Partner Center on its own address but issues tokens for these audiences.
 */
public enum Resource {
    GRAPH("https://graph.microsoft.com/.default"),
    PARTNER_CENTER("https://api.partnercenter.microsoft.com/.default");

    private final String scope;

    Resource(String scope) {
        this.scope = scope;
    }

    public String scope() {
        return scope;
    }
}
