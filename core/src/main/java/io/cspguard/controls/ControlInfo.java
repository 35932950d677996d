package io.cspguard.controls;

import io.cspguard.result.Level;
import java.util.List;

/**
 * A control's metadata: what the catalog says about it. {@code docs/controls.md} is generated from these.
 *
 * @param seed        the sentence of Microsoft's CSP security best practices that the control implements
 * @param files       the snapshot files it reads (formats.md §1)
 * @param ownRecords  for controls that also read CSP Guard's own records (reviews): what a plain {@code assess},
 *                    which has none, concludes; null for the others
 */
public record ControlInfo(String id, Level level, Scope scope, LicenceRequirement licence, String title, String seed,
                          String rationale, String remediation, List<String> files, String ownRecords) {
    public ControlInfo {
        files = List.copyOf(files);
    }

    /** The area of the catalog: MFA, PRIV, ISO, DEV, MON, APP. */
    public String area() {
        return id.split("\\.")[1];
    }
}
