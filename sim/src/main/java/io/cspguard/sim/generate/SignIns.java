package io.cspguard.sim.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.cspguard.sim.generate.TenantModel.Device;
import io.cspguard.sim.generate.TenantModel.Kind;
import io.cspguard.sim.generate.TenantModel.User;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sign-ins in the beta shape ({@code authenticationRequirement}, {@code crossTenantAccessType}, {@code homeTenantId},
 * {@code deviceDetail}). Sign-ins are the bulk of a world, so the parts many of them share (a location, a status, a
 * device's detail) are shared nodes within a tenant: they are written, never changed.
 */
final class SignIns {
    private final TenantModel t;
    private final Map<String, ObjectNode> locations = new HashMap<>();
    private final Map<Integer, ObjectNode> statuses = new HashMap<>();
    private final Map<String, TextNode> texts = new HashMap<>();
    private final ArrayNode empty = Json.arr();
    private final ObjectNode noDevice;

    SignIns(TenantModel t) {
        this.t = t;
        this.noDevice = Json.obj();
        noDevice.put("deviceId", "");
        noDevice.put("displayName", "");
        noDevice.put("operatingSystem", "Windows10");
        noDevice.put("browser", "Chrome 130.0.0");
        noDevice.put("isCompliant", false);
        noDevice.put("isManaged", false);
        noDevice.put("trustType", "");
    }

    /** The baseline: each user's sign-ins over the window (sets their last sign-in times), newest first. */
    List<ObjectNode> generate() {
        List<ObjectNode> out = new ArrayList<>();
        Rng rng = t.rng;
        Instant earliest = t.windowStart().plus(Duration.ofDays(1)).plus(Duration.ofHours(2));
        Instant latest = t.now.minus(Duration.ofMinutes(5));
        for (User u : t.users) {
            if (!u.enabled || u.signIns <= 0) {
                continue;
            }
            Instant from = u.created != null && u.created.isAfter(earliest) ? u.created.plus(Duration.ofHours(1))
                    : earliest;
            if (!from.isBefore(latest)) {
                continue;
            }
            boolean privileged = u.kind == Kind.AGENT || u.kind == Kind.ADMIN;
            long span = Duration.between(from, latest).getSeconds();
            for (int i = 0; i < u.signIns; i++) {
                Instant at = from.plusSeconds((long) (rng.unit() * span));
                Catalog.App app;
                if (t.partner && u.kind == Kind.AGENT) {
                    app = rng.chance(0.35) ? Catalog.PARTNER_CENTER : rng.pick(Catalog.ADMIN_APPS);
                } else if (t.partner && u.kind == Kind.SALES) {
                    app = rng.chance(0.5) ? Catalog.PARTNER_CENTER : Catalog.OFFICE_PORTAL;
                } else if (u.kind == Kind.ADMIN) {
                    app = rng.pick(Catalog.ADMIN_APPS);
                } else {
                    app = rng.pick(Catalog.STAFF_APPS);
                }
                int error = 0;
                String requirement = "multiFactorAuthentication";
                if (!privileged && !t.partner) {
                    if (rng.chance(0.05)) {
                        error = rng.chance(0.7) ? 50126 : 50074;
                        requirement = "singleFactorAuthentication";
                    } else if (rng.chance(0.25)) {
                        requirement = "singleFactorAuthentication";
                    }
                }
                ObjectNode s = node(rng.uuid(), at, u, app, error, requirement, u.guest ? "b2bCollaboration" : "none",
                        u.guest ? rng.uuid() : t.tenantId, u.guest ? "guest" : "member", detail(u.device),
                        u.place, error == 0 ? "success" : "failure");
                out.add(s);
                if (u.lastSignIn == null || at.isAfter(u.lastSignIn)) {
                    u.lastSignIn = at;
                }
                if (error == 0 && (u.lastSuccess == null || at.isAfter(u.lastSuccess))) {
                    u.lastSuccess = at;
                }
            }
        }
        return out;
    }

    static void sortNewestFirst(List<ObjectNode> signIns) {
        signIns.sort(Comparator.comparing((ObjectNode n) -> n.get("createdDateTime").asText()).reversed()
                .thenComparing(n -> n.get("id").asText()));
    }

    /** A sign-in in the tenant by one of its own users. */
    ObjectNode node(String id, Instant at, User u, Catalog.App app, int error, String requirement, String crossTenant,
                    String homeTenantId, String userType, ObjectNode deviceDetail, Names.Place place, String caStatus) {
        return node(id, at, u.displayName, u.upn, u.id, app, error, requirement, crossTenant, homeTenantId, userType,
                deviceDetail, place, caStatus, place == null ? Names.PLACES.get(0).ipPrefix() : place.ipPrefix());
    }

    ObjectNode node(String id, Instant at, String userDisplayName, String upn, String userId, Catalog.App app,
                    int error, String requirement, String crossTenant, String homeTenantId, String userType,
                    ObjectNode deviceDetail, Names.Place place, String caStatus, String ipPrefix) {
        Rng rng = t.rng;
        Catalog.App resource = Catalog.RESOURCE_OF.getOrDefault(app, Catalog.GRAPH);
        ObjectNode s = Json.obj();
        s.put("id", id);
        s.put("createdDateTime", Json.time(at));
        s.set("userDisplayName", text(userDisplayName));
        s.set("userPrincipalName", text(upn));
        s.set("userId", text(userId));
        s.set("appId", text(app.appId()));
        s.set("appDisplayName", text(app.name()));
        s.put("ipAddress", ipPrefix + rng.between(2, 250));
        s.set("clientAppUsed", text(app == Catalog.OUTLOOK_MOBILE || app == Catalog.ONEDRIVE || app == Catalog.OFFICE
                || app == Catalog.TEAMS_APP ? "Mobile Apps and Desktop clients" : "Browser"));
        s.put("correlationId", rng.uuid());
        s.set("conditionalAccessStatus", text(t.p1() ? caStatus : "notApplied"));
        s.put("isInteractive", true);
        String risk = t.p2() ? "none" : "hidden";
        s.set("riskDetail", text(risk));
        s.set("riskLevelAggregated", text(risk));
        s.set("riskLevelDuringSignIn", text(risk));
        s.set("riskState", text("none"));
        s.set("riskEventTypes_v2", empty);
        s.set("resourceDisplayName", text(resource.name()));
        s.set("resourceId", text(resource.appId()));
        s.set("authenticationRequirement", text(requirement));
        s.set("crossTenantAccessType", text(crossTenant));
        s.set("homeTenantId", text(homeTenantId));
        s.putNull("homeTenantName");
        s.set("resourceTenantId", text(t.tenantId));
        s.set("userType", text(userType));
        s.set("status", status(error));
        s.set("deviceDetail", deviceDetail);
        s.set("location", location(place == null ? Names.PLACES.get(0) : place));
        s.set("appliedConditionalAccessPolicies", empty);
        return s;
    }

    /** A partner agent signing in to this customer through GDAP ({@code crossTenantAccessType} serviceProvider). */
    static ObjectNode serviceProvider(TenantModel t, Plans.Partner partner, Plans.PartnerUser p, Instant at,
                                      boolean mfa, boolean healthyDevice, int error) {
        SignIns s = new SignIns(t);
        ObjectNode device = Json.obj();
        if (healthyDevice) {
            device.put("deviceId", p.deviceId());
            device.put("displayName", p.deviceName());
            device.put("operatingSystem", p.os());
            device.put("browser", p.browser());
            device.put("isCompliant", p.compliant());
            device.put("isManaged", p.managed());
            device.put("trustType", p.trustType());
        } else {
            device.setAll(s.noDevice);
            device.put("displayName", "");
        }
        Catalog.App app = t.rng.chance(0.5) ? Catalog.AZURE_PORTAL : Catalog.OFFICE_PORTAL;
        return s.node(t.rng.uuid(), at, p.displayName(), p.upn(), p.id(), app, error,
                mfa ? "multiFactorAuthentication" : "singleFactorAuthentication", "serviceProvider", partner.tenantId(),
                "member", device, Names.PLACES.get(0), error == 0 ? "success" : "failure", p.ipPrefix());
    }

    ObjectNode detail(Device d) {
        if (d == null) {
            return noDevice;
        }
        if (d.detail == null) {
            ObjectNode n = Json.obj();
            n.put("deviceId", d.deviceId);
            n.put("displayName", d.name);
            n.put("operatingSystem", d.signInOs);
            n.put("browser", d.browser);
            n.put("isCompliant", d.compliant);
            n.put("isManaged", d.managed);
            n.put("trustType", switch (d.trustType) {
                case "AzureAd" -> "Azure AD joined";
                case "ServerAd" -> "Hybrid Azure AD joined";
                default -> "Azure AD registered";
            });
            d.detail = n;
        }
        return d.detail;
    }

    /** A device that is neither compliant nor managed (a personal laptop), not registered. */
    ObjectNode unmanagedDevice(String name) {
        ObjectNode n = Json.obj();
        n.put("deviceId", "");
        n.put("displayName", name);
        n.put("operatingSystem", "Windows10");
        n.put("browser", "Chrome 130.0.0");
        n.put("isCompliant", false);
        n.put("isManaged", false);
        n.put("trustType", "");
        return n;
    }

    private JsonNode status(int error) {
        return statuses.computeIfAbsent(error, e -> {
            ObjectNode n = Json.obj();
            n.put("errorCode", e);
            n.put("failureReason", switch (e) {
                case 0 -> "Other.";
                case 50126 -> "Error validating credentials due to invalid username or password.";
                case 50074 -> "Strong Authentication is required.";
                default -> "Other.";
            });
            n.putNull("additionalDetails");
            return n;
        });
    }

    private JsonNode location(Names.Place p) {
        return locations.computeIfAbsent(p.city(), c -> {
            ObjectNode n = Json.obj();
            n.put("city", p.city());
            n.put("state", p.state());
            n.put("countryOrRegion", p.country());
            ObjectNode geo = n.putObject("geoCoordinates");
            geo.putNull("altitude");
            geo.put("latitude", p.latitude());
            geo.put("longitude", p.longitude());
            return n;
        });
    }

    private TextNode text(String s) {
        if (s == null) {
            return null;
        }
        return texts.computeIfAbsent(s, TextNode::new);
    }
}
