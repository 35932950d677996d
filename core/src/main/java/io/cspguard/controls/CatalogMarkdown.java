package io.cspguard.controls;

import java.util.List;

/**
 * Renders the catalog as Markdown from the controls' own metadata: {@code docs/controls.md} is this output, and a
 * test fails when the file is stale. Regenerate with {@code ./cspguard controls > docs/controls.md}.
 */
public final class CatalogMarkdown {
    private CatalogMarkdown() {
    }

    public static String render(List<Control> controls) {
        StringBuilder md = new StringBuilder();
        md.append("# CSP Guard control catalog\n\n");
        md.append("<!-- Generated from the controls' metadata by `./cspguard controls`. Do not edit by hand: ");
        md.append("a test fails when this file and the code disagree. -->\n\n");
        md.append("Each control turns one of Microsoft's CSP security best practices into a check decided from a ");
        md.append("snapshot. `SHALL` controls that are not met are `FAIL`; `SHOULD` controls are `WARN`. Missing data ");
        md.append("gives `NOT_ASSESSED` with the reason, never `PASS`; a control needing a licence the tenant lacks is ");
        md.append("`NOT_APPLICABLE`. The exact semantics are in the shared catalog (`controls.md`); the decisions taken ");
        md.append("where it is silent are in [decisions.md](decisions.md).\n\n");
        md.append("| id | level | scope | licence | title |\n|---|---|---|---|---|\n");
        for (Control c : controls) {
            ControlInfo i = c.info();
            md.append("| [").append(i.id()).append("](#").append(anchor(i.id())).append(") | ").append(i.level())
                    .append(" | ").append(i.scope().label()).append(" | ")
                    .append(i.licence() == LicenceRequirement.NONE ? "any" : i.licence().name()).append(" | ")
                    .append(i.title()).append(" |\n");
        }
        for (Control c : controls) {
            ControlInfo i = c.info();
            md.append("\n## ").append(i.id()).append(" — ").append(i.title()).append("\n\n");
            md.append("- **Level:** ").append(i.level()).append("; **scope:** ").append(i.scope().label())
                    .append(" tenants; **licence:** ")
                    .append(i.licence() == LicenceRequirement.NONE ? "any" : "Entra ID " + i.licence().name()
                            + " (otherwise NOT_APPLICABLE)").append('\n');
            md.append("- **Best practice:** ").append(i.seed()).append('\n');
            md.append("- **Why:** ").append(i.rationale()).append('\n');
            md.append("- **Remediation:** ").append(i.remediation()).append('\n');
            md.append("- **Reads:** ").append(String.join(", ", i.files().stream().map(f -> "`" + f + "`").toList()))
                    .append('\n');
            if (i.ownRecords() != null) {
                md.append("- **CSP Guard's own records:** ").append(i.ownRecords()).append('\n');
            }
            md.append("- **Implemented by:** `").append(c.getClass().getName()).append("`\n");
        }
        return md.toString();
    }

    private static String anchor(String id) {
        return id.toLowerCase(java.util.Locale.ROOT).replace(".", "");
    }
}
