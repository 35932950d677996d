package io.cspguard.snapshot;

/** Whether a tenant is the CSP's own tenant or one it manages. */
public enum TenantRole {
    PARTNER, CUSTOMER;

    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
