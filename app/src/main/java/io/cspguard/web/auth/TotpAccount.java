package io.cspguard.web.auth;

/** A local account made ready to use: its authenticator app is set up from {@code otpauthUri} or {@code secret}. */
public record TotpAccount(String name, String otpauthUri, String secret) {
    @Override
    public String toString() {
        return "TotpAccount[name=" + name + ", secret=***]";
    }
}
