package io.cspguard.web.pages;

import io.cspguard.controls.ControlInfo;

import java.util.List;
import java.util.Map;

/** The catalog with each control's tenants by status in the latest stored run ({@code runId} null before the first). */
public record ControlsView(Long runId, List<Entry> controls) {
    public record Entry(ControlInfo info, Map<String, Integer> counts) {
        public int count(String status) {
            return counts.getOrDefault(status, 0);
        }

        public String href() {
            return Links.control(info.id());
        }
    }
}
