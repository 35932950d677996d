package io.cspguard.sim.generate;

import java.time.LocalDate;
import java.util.List;

/** Writes the {@code cspguard.yaml} a world assumes (formats.md §2): every string double-quoted and escaped. */
final class ConfigYaml {
    record BreakGlass(String tenantId, String user) {
    }

    record Accepted(String control, String tenantId, String objectId, String reason, String approvedBy,
                     LocalDate expires, String comment) {
    }

    private ConfigYaml() {
    }

    static String write(long seed, int customers, List<BreakGlass> breakGlass, List<String> approvedAdminAgents,
                        List<String> workstations, String privilegedAccountPattern, List<String> accountPatterns,
                        List<Accepted> exceptions) {
        StringBuilder y = new StringBuilder(64 * (breakGlass.size() + 40));
        y.append("# CSP Guard configuration of the simulated world (seed ").append(seed).append(", ").append(customers)
                .append(" customers), written by the generator.\n");
        y.append("# planted.json lists the violations planted on purpose; a correct assessment with this file\n")
                .append("# reports each.\n\n");
        y.append("breakGlass:\n");
        for (BreakGlass b : breakGlass) {
            y.append("  - tenant: ").append(q(b.tenantId())).append('\n');
            y.append("    users: [").append(q(b.user())).append("]\n");
        }
        y.append("\nthresholds:\n");
        y.append("  globalAdmins: {min: 2, max: 4}\n");
        y.append("  staleSignInDays: 90\n");
        y.append("  signInWindowDays: 30\n");
        y.append("  accessReviewDays: 90\n");
        y.append("  maxActivationHours: 8\n");
        y.append("  recoveryInfoChangeDays: 30\n");
        y.append("\npartner:\n");
        list(y, "approvedAdminAgents", approvedAdminAgents);
        y.append("  # privileged access workstations (Entra deviceId)\n");
        list(y, "privilegedWorkstations", workstations);
        list(y, "accountPatterns", accountPatterns);
        y.append("  privilegedAccountPattern: ").append(q(privilegedAccountPattern)).append('\n');
        y.append("  collaborationUsersMax: 0\n");
        y.append("\nprivilegedRoles: []\n");
        y.append("consumerMailDomains: []\n");
        y.append("\nexceptions:");
        if (exceptions.isEmpty()) {
            y.append(" []\n");
        } else {
            y.append('\n');
            for (Accepted e : exceptions) {
                y.append("  # ").append(e.comment()).append('\n');
                y.append("  - control: ").append(e.control()).append('\n');
                y.append("    tenant: ").append(q(e.tenantId())).append('\n');
                y.append("    objects: [").append(q(e.objectId())).append("]\n");
                y.append("    reason: ").append(q(e.reason())).append('\n');
                y.append("    approvedBy: ").append(q(e.approvedBy())).append('\n');
                y.append("    expires: ").append(e.expires()).append('\n');
            }
        }
        return y.toString();
    }

    private static void list(StringBuilder y, String key, List<String> values) {
        y.append("  ").append(key).append(':');
        if (values.isEmpty()) {
            y.append(" []\n");
            return;
        }
        y.append('\n');
        for (String v : values) {
            y.append("    - ").append(q(v)).append('\n');
        }
    }

    /** A YAML double-quoted scalar. */
    static String q(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
