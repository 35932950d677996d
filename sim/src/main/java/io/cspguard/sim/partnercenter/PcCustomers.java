package io.cspguard.sim.partnercenter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cspguard.sim.throttle.PageSizes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Customers and their subscriptions: {@code GET /v1/customers} (paged), {@code GET /v1/customers/{id}},
 * {@code GET /v1/customers/{id}/subscriptions[/{sid}]} and {@code PATCH /v1/customers/{id}/subscriptions/{sid}} — the
 * full subscription resource with {@code status} {@code suspended} or {@code active} (Partner Center reads property
 * names case-insensitively: its own examples send {@code "Status"}). A PATCH changes the world's
 * {@code partnerCenter/subscriptions/<customer>.json}, gives the subscription a new etag, and adds an audit record.
 */
final class PcCustomers {
    private PcCustomers() {
    }

    static PcResponse list(PcContext c) {
        return c.read(() -> PcService.page(c, c.list(PcContext.CUSTOMERS), "/customers",
                PageSizes.PARTNER_CENTER_CUSTOMERS, c.req().param("size")));
    }

    static PcResponse one(PcContext c, String customerId) {
        return c.read(() -> {
            ObjectNode customer = customer(c, customerId);
            return customer == null ? customerNotFound(customerId) : PcResponse.json(200, PcJson.bytes(customer));
        });
    }

    static PcResponse subscriptions(PcContext c, String customerId) {
        return c.read(() -> {
            ObjectNode customer = customer(c, customerId);
            if (customer == null) {
                return customerNotFound(customerId);
            }
            List<ObjectNode> items = c.list(file(c, customer));
            List<ObjectNode> served = c.truncate() ? items.subList(0, items.size() / 2) : items;
            return PcResponse.json(200, PcJson.bytes(PcPaging.collection(served,
                    "/customers/" + customerId + "/subscriptions", null, null)));
        });
    }

    static PcResponse subscription(PcContext c, String customerId, String subscriptionId) {
        return c.read(() -> {
            ObjectNode customer = customer(c, customerId);
            if (customer == null) {
                return customerNotFound(customerId);
            }
            ObjectNode s = find(c.list(file(c, customer)), subscriptionId);
            return s == null ? subscriptionNotFound(subscriptionId) : PcResponse.json(200, PcJson.bytes(s));
        });
    }

    static PcResponse update(PcContext c, String customerId, String subscriptionId) {
        JsonNode body = PcJson.parse(c.req().body());
        if (body == null || !body.isObject()) {
            return PcErrors.badRequest("The request body must be the subscription resource.");
        }
        String id = field(body, "id");
        String status = field(body, "status");
        // Partner Center's PATCH takes the full subscription resource, as read (not a partial patch); it reads
        // property names case-insensitively (its own examples send PascalCase).
        for (String required : new String[] {"id", "quantity", "status"}) {
            if (field(body, required) == null) {
                return PcErrors.badRequest("The request body must be the full subscription resource: '" + required
                        + "' is missing.");
            }
        }
        int quantity;
        try {
            quantity = Integer.parseInt(field(body, "quantity"));
        } catch (NumberFormatException e) {
            quantity = 0;
        }
        if (quantity < 1) {
            return PcErrors.badRequest("Quantity must be a positive whole number.");
        }
        if (!id.equalsIgnoreCase(subscriptionId)) {
            return PcErrors.badRequest("The subscription id in the body does not match the one in the URI.");
        }
        JsonNode attributesInBody = property(body, "attributes");
        String bodyEtag = attributesInBody == null ? "" : java.util.Objects.requireNonNullElse(field(attributesInBody, "etag"), "");
        int newQuantity = quantity;
        if (status == null || !(status.equalsIgnoreCase("active") || status.equalsIgnoreCase("suspended"))) {
            return PcErrors.badRequest("Status must be 'active' or 'suspended'.");
        }
        String ifMatch = c.req().header("If-Match");
        String upn = PcService.userPrincipalName(c);
        return c.write(() -> {
            ObjectNode customer = customer(c, customerId);
            if (customer == null) {
                return customerNotFound(customerId);
            }
            ObjectNode s = find(c.list(file(c, customer)), subscriptionId);
            if (s == null) {
                return subscriptionNotFound(subscriptionId);
            }
            String etag = s.path("attributes").path("etag").asText("");
            boolean staleHeader = ifMatch != null && !ifMatch.isBlank() && !ifMatch.replace("\"", "").equals(etag);
            boolean staleBody = !bodyEtag.isEmpty() && !bodyEtag.equals(etag);
            if (!etag.isEmpty() && (staleHeader || staleBody)) {
                return PcErrors.of(412, 412, "The subscription was changed since it was read (etag mismatch).");
            }
            s.put("quantity", newQuantity);
            String before = PcJson.text(s, "status");
            String after = status.toLowerCase(Locale.ROOT);
            s.put("status", after);
            if (after.equals("suspended")) {
                s.putArray("suspensionReasons").add("CustomerCancellation");
            } else {
                s.remove("suspensionReasons");
            }
            ObjectNode attributes = s.has("attributes") && s.get("attributes").isObject()
                    ? (ObjectNode) s.get("attributes") : s.putObject("attributes");
            attributes.put("etag", nextEtag(PcJson.text(s, "id"), etag));
            attributes.put("objectType", "Subscription");
            if (!before.equalsIgnoreCase(after)) {
                PcAuditRecords.append(c, customer, upn, "subscription", "update_subscription", s,
                        Map.of("SubscriptionId", PcJson.text(s, "id"), "SubscriptionStatus", after));
            }
            return PcResponse.json(200, PcJson.bytes(s));
        });
    }

    /** A customer by its id (the customer's tenant id) or its company profile's tenant id. */
    static ObjectNode customer(PcContext c, String customerId) {
        for (ObjectNode o : c.list(PcContext.CUSTOMERS)) {
            if (customerId.equalsIgnoreCase(PcJson.text(o, "id"))
                    || customerId.equalsIgnoreCase(o.path("companyProfile").path("tenantId").asText(""))) {
                return o;
            }
        }
        return null;
    }

    private static String file(PcContext c, ObjectNode customer) {
        String tenantId = customer.path("companyProfile").path("tenantId").asText(PcJson.text(customer, "id"));
        String exact = PcContext.subscriptionsFile(tenantId);
        if (c.partner().collections().containsKey(exact)) {
            return exact;
        }
        String byId = PcContext.subscriptionsFile(PcJson.text(customer, "id"));
        for (String k : c.partner().collections().keySet()) {
            if (k.equalsIgnoreCase(exact) || k.equalsIgnoreCase(byId)) {
                return k;
            }
        }
        return exact;
    }

    private static ObjectNode find(List<ObjectNode> items, String id) {
        for (ObjectNode s : items) {
            if (id.equalsIgnoreCase(PcJson.text(s, "id"))) {
                return s;
            }
        }
        return null;
    }

    /** A property by name, case-insensitively, as Partner Center binds request bodies. */
    private static JsonNode property(JsonNode body, String name) {
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            if (e.getKey().equalsIgnoreCase(name) && e.getValue().isObject()) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String field(JsonNode body, String name) {
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isNull()) {
                return e.getValue().asText();
            }
        }
        return null;
    }

    /** Partner Center's etags are base64 of {"id","version"}; the simulator keeps that form. */
    private static String nextEtag(String id, String current) {
        int version = 1;
        try {
            JsonNode old = PcJson.MAPPER.readTree(Base64.getDecoder().decode(current));
            version = old.path("version").asInt(0) + 1;
        } catch (Exception e) {
            version = 2;
        }
        String json = "{\"id\":\"" + id.toLowerCase(Locale.ROOT) + "\",\"version\":" + version + "}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static PcResponse customerNotFound(String id) {
        return PcErrors.notFound("Customer " + id + " was not found.");
    }

    private static PcResponse subscriptionNotFound(String id) {
        return PcErrors.notFound("Subscription " + id + " was not found.");
    }
}
