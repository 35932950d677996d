package io.cspguard.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * The whole of {@code cspguard.yaml} (formats.md §2), validated and typed, with the leavers feed already read.
 * {@link #DEFAULTS} is what an empty file means.
 */
public record Config(List<BreakGlass> breakGlass, Thresholds thresholds, PartnerSettings partner,
                     List<String> privilegedRoles, List<String> consumerMailDomains, List<AcceptedRisk> exceptions,
                     List<Leaver> leavers, String sha256) {

    public static final Config DEFAULTS = new Config(List.of(), Thresholds.DEFAULTS, PartnerSettings.DEFAULTS,
            List.of(), List.of(), List.of(), List.of(), ConfigLoader.hashOfDefaults());

    public Config {
        breakGlass = List.copyOf(breakGlass);
        privilegedRoles = List.copyOf(privilegedRoles);
        consumerMailDomains = List.copyOf(consumerMailDomains);
        exceptions = List.copyOf(exceptions);
        leavers = List.copyOf(leavers);
    }

    /** Whether a leavers feed is configured (the key {@code partner.leaversFile}). */
    public boolean hasLeaversFeed() {
        return partner.leaversFile() != null;
    }

    /** Break-glass UPNs and object ids for one tenant, lower-cased. */
    public Set<String> breakGlassFor(String tenantId) {
        return breakGlass.stream()
                .filter(b -> "*".equals(b.tenant()) || b.tenant().equalsIgnoreCase(tenantId))
                .flatMap(b -> b.users().stream())
                .map(u -> u.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    public List<Pattern> accountPatterns() {
        return partner.accountPatterns().stream().map(Pattern::compile).toList();
    }

    public Pattern privilegedAccountPattern() {
        return partner.privilegedAccountPattern() == null ? null : Pattern.compile(partner.privilegedAccountPattern());
    }
}
