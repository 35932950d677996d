package io.cspguard.controls;

import io.cspguard.controls.app.App1NoAzureAdGraph;
import io.cspguard.controls.dev.Dev1HealthyDevicesOnly;
import io.cspguard.controls.dev.Dev2PrivilegedWorkstations;
import io.cspguard.controls.iso.Iso1SeparateFromInternalIt;
import io.cspguard.controls.iso.Iso2DedicatedPrivilegedAccounts;
import io.cspguard.controls.iso.Iso3NoPartnerAccountsInCustomers;
import io.cspguard.controls.mfa.Mfa1UsersRegisteredForMfa;
import io.cspguard.controls.mfa.Mfa2MfaRequiredForEveryUser;
import io.cspguard.controls.mfa.Mfa3PhishingResistantMfa;
import io.cspguard.controls.mfa.Mfa4AdminsPhishingResistant;
import io.cspguard.controls.mfa.Mfa5NoPrivilegeWithoutMfa;
import io.cspguard.controls.mon.Mon1SecureApplicationModel;
import io.cspguard.controls.mon.Mon2LogRetention;
import io.cspguard.controls.mon.Mon3RecoveryInfoTrustworthy;
import io.cspguard.controls.mon.Mon4RiskyUsersHandled;
import io.cspguard.controls.mon.Mon5DelegatedActivityReviewed;
import io.cspguard.controls.priv.Priv10JustInTimeCustomerAccess;
import io.cspguard.controls.priv.Priv1AdminsWithoutCollaboration;
import io.cspguard.controls.priv.Priv2AdminAgentsNeedToKnow;
import io.cspguard.controls.priv.Priv3FewGlobalAdmins;
import io.cspguard.controls.priv.Priv4AdminAccessPruned;
import io.cspguard.controls.priv.Priv5LeaversLoseAccess;
import io.cspguard.controls.priv.Priv6NoStandingAccess;
import io.cspguard.controls.priv.Priv7DualCustodyActivation;
import io.cspguard.controls.priv.Priv8GdapLeastPrivilege;
import io.cspguard.controls.priv.Priv9CustomerAccessReviewed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every control of the catalog, in catalog order. Explicit on purpose: no classpath scanning. */
public final class ControlRegistry {
    private static final List<Control> ALL = List.of(
            new Mfa1UsersRegisteredForMfa(),
            new Mfa2MfaRequiredForEveryUser(),
            new Mfa3PhishingResistantMfa(),
            new Mfa4AdminsPhishingResistant(),
            new Mfa5NoPrivilegeWithoutMfa(),
            new Priv1AdminsWithoutCollaboration(),
            new Priv2AdminAgentsNeedToKnow(),
            new Priv3FewGlobalAdmins(),
            new Priv4AdminAccessPruned(),
            new Priv5LeaversLoseAccess(),
            new Priv6NoStandingAccess(),
            new Priv7DualCustodyActivation(),
            new Priv8GdapLeastPrivilege(),
            new Priv9CustomerAccessReviewed(),
            new Priv10JustInTimeCustomerAccess(),
            new Iso1SeparateFromInternalIt(),
            new Iso2DedicatedPrivilegedAccounts(),
            new Iso3NoPartnerAccountsInCustomers(),
            new Dev1HealthyDevicesOnly(),
            new Dev2PrivilegedWorkstations(),
            new Mon1SecureApplicationModel(),
            new Mon2LogRetention(),
            new Mon3RecoveryInfoTrustworthy(),
            new Mon4RiskyUsersHandled(),
            new Mon5DelegatedActivityReviewed(),
            new App1NoAzureAdGraph());

    private static final Map<String, Control> BY_ID = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(c -> c.info().id(), Function.identity()));
    private static final Set<String> IDS = ALL.stream().map(c -> c.info().id())
            .collect(Collectors.toCollection(java.util.LinkedHashSet::new));

    private ControlRegistry() {
    }

    public static List<Control> all() {
        return ALL;
    }

    /** The ids in catalog order. */
    public static Set<String> ids() {
        return java.util.Collections.unmodifiableSet(IDS);
    }

    public static Optional<ControlInfo> info(String id) {
        return Optional.ofNullable(BY_ID.get(id)).map(Control::info);
    }
}
