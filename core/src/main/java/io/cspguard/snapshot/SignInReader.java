package io.cspguard.snapshot;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cspguard.snapshot.graph.SignIn;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Streams one sign-in object into the compact {@link SignIn}, skipping the large parts controls never read
 * (locations, applied policies, authentication details). Repeated strings (app ids, tenant ids, user ids) are
 * shared within one file, so a tenant's logs cost memory in proportion to distinct values, not to volume.
 */
final class SignInReader implements GraphFiles.ItemReader<SignIn> {
    private final Map<String, String> pool = new HashMap<>();

    @Override
    public SignIn read(JsonParser p) throws IOException {
        String id = null, userId = null, upn = null, appId = null, appName = null, resourceId = null, ip = null;
        String authReq = null, crossTenant = null, homeTenant = null, deviceId = null, deviceName = null;
        Instant created = null;
        Integer errorCode = null;
        Boolean compliant = null, managed = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "id" -> id = text(p, t);
                case "createdDateTime" -> created = instant(p, t);
                case "userId" -> userId = shared(text(p, t));
                case "userPrincipalName" -> upn = shared(text(p, t));
                case "appId" -> appId = shared(text(p, t));
                case "appDisplayName" -> appName = shared(text(p, t));
                case "resourceId" -> resourceId = shared(text(p, t));
                case "ipAddress" -> ip = shared(text(p, t));
                case "authenticationRequirement" -> authReq = shared(text(p, t));
                case "crossTenantAccessType" -> crossTenant = shared(text(p, t));
                case "homeTenantId" -> homeTenant = shared(text(p, t));
                case "status" -> {
                    if (t == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String f = p.currentName();
                            JsonToken v = p.nextToken();
                            if ("errorCode".equals(f)) {
                                errorCode = integer(p, v);
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else if (t != JsonToken.VALUE_NULL) {
                        throw new GraphFiles.JsonDataException("\"status\" is not an object", p.currentLocation());
                    }
                }
                case "deviceDetail" -> {
                    if (t == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String f = p.currentName();
                            JsonToken v = p.nextToken();
                            switch (f) {
                                case "deviceId" -> deviceId = shared(text(p, v));
                                case "displayName" -> deviceName = shared(text(p, v));
                                case "isCompliant" -> compliant = bool(p, v);
                                case "isManaged" -> managed = bool(p, v);
                                default -> p.skipChildren();
                            }
                        }
                    } else if (t != JsonToken.VALUE_NULL) {
                        throw new GraphFiles.JsonDataException("\"deviceDetail\" is not an object", p.currentLocation());
                    }
                }
                default -> p.skipChildren();
            }
        }
        // What the controls decide on must be there: a sign-in without it cannot be judged, and reading its absence as
        // "not single-factor" or "not a service provider" would be a pass for lack of data. (The beta endpoint of
        // formats.md §1 always returns these.)
        if (id == null || created == null || errorCode == null || authReq == null || crossTenant == null) {
            throw new GraphFiles.JsonDataException("a sign-in lacks one of id, createdDateTime, status.errorCode, "
                    + "authenticationRequirement, crossTenantAccessType (collect sign-ins from /beta, formats.md §1)",
                    p.currentLocation());
        }
        return new SignIn(id, created, userId, upn, appId, appName, resourceId, ip, errorCode, authReq, crossTenant,
                homeTenant, deviceId, deviceName, compliant, managed);
    }

    private String shared(String s) {
        if (s == null) {
            return null;
        }
        String existing = pool.putIfAbsent(s, s);
        return existing != null ? existing : s;
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw new GraphFiles.JsonDataException("\"" + p.currentName() + "\" is not a string", p.currentLocation());
        }
        return p.getText();
    }

    private static Instant instant(JsonParser p, JsonToken t) throws IOException {
        String s = text(p, t);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new GraphFiles.JsonDataException("\"" + p.currentName() + "\" is not an ISO-8601 time: " + s,
                    p.currentLocation());
        }
    }

    private static Integer integer(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw new GraphFiles.JsonDataException("\"" + p.currentName() + "\" is not an integer", p.currentLocation());
        }
        return p.getIntValue();
    }

    private static Boolean bool(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> throw new GraphFiles.JsonDataException("\"" + p.currentName() + "\" is not a boolean",
                    p.currentLocation());
        };
    }
}
