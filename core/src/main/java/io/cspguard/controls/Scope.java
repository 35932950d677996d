package io.cspguard.controls;

import io.cspguard.snapshot.TenantRole;

/** Which tenants a control judges: the partner's own, the customers', or all. */
public enum Scope {
    ALL, PARTNER, CUSTOMER;

    public boolean includes(TenantRole role) {
        return this == ALL || (this == PARTNER) == (role == TenantRole.PARTNER);
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
