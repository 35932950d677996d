package io.cspguard.web.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The dashboard's URLs. Ids come from tenants' data, so every path segment and query value is percent-encoded
 * here; templates then escape the whole attribute. Every link starts with '/', so no stored value can become a
 * {@code javascript:} URL.
 */
public final class Links {
    private Links() {
    }

    public static String tenant(String tenantId) {
        return "/tenants/" + segment(tenantId);
    }

    public static String tenantControl(String tenantId, String controlId) {
        return tenant(tenantId) + "#" + anchor(controlId);
    }

    public static String control(String controlId) {
        return "/controls/" + segment(controlId);
    }

    public static String finding(String findingId) {
        return "/findings/" + segment(findingId);
    }

    public static String run(long runId) {
        return "/runs/" + runId;
    }

    public static String report(long runId, String extension) {
        return "/runs/" + runId + "/report." + extension;
    }

    public static String report(long runId, String extension, String tenantId) {
        return report(runId, extension) + "?tenant=" + value(tenantId);
    }

    /** An element id for a control's section on a tenant page. */
    public static String anchor(String controlId) {
        return "control-" + controlId.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String value(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
