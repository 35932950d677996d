package io.cspguard.report;

import io.cspguard.controls.ControlInfo;
import io.cspguard.controls.ControlRegistry;
import io.cspguard.result.ControlResult;
import java.util.Optional;

/** What the catalog says about a result's control; a control the registry does not know is shown by its id. */
final class ControlTexts {
    private ControlTexts() {
    }

    static String title(ControlResult r) {
        if (r.title() != null && !r.title().isBlank()) {
            return r.title();
        }
        return info(r.controlId()).map(ControlInfo::title).orElse(r.controlId());
    }

    static Optional<String> remediation(String controlId) {
        return info(controlId).map(ControlInfo::remediation).filter(s -> !s.isBlank());
    }

    private static Optional<ControlInfo> info(String controlId) {
        return controlId == null ? Optional.empty() : ControlRegistry.info(controlId);
    }
}
