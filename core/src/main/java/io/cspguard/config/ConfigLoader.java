package io.cspguard.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads {@code cspguard.yaml}: every error names the file, the key (as a path such as
 * {@code exceptions[1].expires}) and its line. Unknown keys are errors, so a typo never silently
 * turns a setting off.
 */
public final class ConfigLoader {
    private static final ObjectMapper BINDER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private ConfigLoader() {
    }

    /** The file as written: the keys of formats.md §2. */
    private record RawConfig(List<BreakGlass> breakGlass, Thresholds thresholds, PartnerSettings partner,
                             List<String> privilegedRoles, List<String> consumerMailDomains,
                             List<RawException> exceptions) {
    }

    private record RawException(String control, String tenant, List<String> objects, String reason,
                                String approvedBy, String expires) {
    }

    public static Config load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        return parse(text, file);
    }

    /** @param file where the text came from: names it in errors, and anchors relative paths. */
    public static Config parse(String text, Path file) throws ConfigException {
        Located tree = readTree(text, file);
        if (tree.root == null || tree.root.isNull()) { // an empty file, or only "---" and comments
            return withHash(Config.DEFAULTS.breakGlass(), Thresholds.DEFAULTS, PartnerSettings.DEFAULTS, List.of(),
                    List.of(), List.of(), List.of());
        }
        if (!tree.root.isObject()) {
            throw new ConfigException(file + ": line 1: the configuration must be a mapping of keys (see formats.md §2)");
        }
        rejectEmptyEntries(tree.root, "", tree, file);
        RawConfig raw;
        try {
            raw = BINDER.treeToValue(tree.root, RawConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String path = pointer(e.getPath());
            throw new ConfigException(file + ": line " + tree.line(path) + ": unknown key '" + dotted(path)
                    + "' (keys are case-sensitive; known here: " + e.getKnownPropertyIds() + ")");
        } catch (JsonMappingException e) {
            String path = pointer(e.getPath());
            throw new ConfigException(file + ": line " + tree.line(path) + ": '" + dotted(path) + "' has the wrong type: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": " + e.getOriginalMessage());
        }
        Thresholds thresholds = raw.thresholds() == null ? Thresholds.DEFAULTS : raw.thresholds();
        PartnerSettings partner = raw.partner() == null ? PartnerSettings.DEFAULTS : raw.partner();
        List<BreakGlass> breakGlass = raw.breakGlass() == null ? List.of() : raw.breakGlass();
        validateThresholds(thresholds, tree, file);
        validateBreakGlass(breakGlass, tree, file);
        validatePatterns(partner, tree, file);
        List<AcceptedRisk> exceptions = exceptions(raw.exceptions(), tree, file);
        List<Leaver> leavers = partner.leaversFile() == null ? List.of()
                : LeaversFeed.read(resolve(file, partner.leaversFile()), "partner.leaversFile", tree.line("/partner/leaversFile"), file);
        return withHash(breakGlass, thresholds, partner,
                raw.privilegedRoles() == null ? List.of() : raw.privilegedRoles(),
                raw.consumerMailDomains() == null ? List.of() : raw.consumerMailDomains(), exceptions, leavers);
    }

    /** {@code users: [~]} or a bare {@code -}: an empty list entry is a mistake, said with its key and line. */
    private static void rejectEmptyEntries(JsonNode node, String path, Located tree, Path file) throws ConfigException {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String at = path + "/" + i;
                if (node.get(i).isNull()) {
                    throw new ConfigException(file + ": line " + tree.line(at) + ": '" + dotted(at)
                            + "' is empty (a list entry without a value)");
                }
                rejectEmptyEntries(node.get(i), at, tree, file);
            }
        } else if (node.isObject()) {
            for (var it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                rejectEmptyEntries(e.getValue(), path + "/" + e.getKey(), tree, file);
            }
        }
    }

    private static Path resolve(Path configFile, String relative) {
        Path p = Path.of(relative);
        if (p.isAbsolute()) {
            return p;
        }
        Path dir = configFile.toAbsolutePath().getParent();
        return dir == null ? p : dir.resolve(p);
    }

    private static void validateThresholds(Thresholds t, Located tree, Path file) throws ConfigException {
        positive(t.staleSignInDays(), "/thresholds/staleSignInDays", tree, file);
        positive(t.signInWindowDays(), "/thresholds/signInWindowDays", tree, file);
        positive(t.accessReviewDays(), "/thresholds/accessReviewDays", tree, file);
        positive(t.maxActivationHours(), "/thresholds/maxActivationHours", tree, file);
        positive(t.recoveryInfoChangeDays(), "/thresholds/recoveryInfoChangeDays", tree, file);
        if (t.globalAdmins().min() < 0 || t.globalAdmins().min() > t.globalAdmins().max()) {
            throw new ConfigException(file + ": line " + tree.line("/thresholds/globalAdmins")
                    + ": 'thresholds.globalAdmins' needs 0 <= min <= max (got min " + t.globalAdmins().min()
                    + ", max " + t.globalAdmins().max() + ")");
        }
    }

    private static void positive(int value, String path, Located tree, Path file) throws ConfigException {
        if (value <= 0) {
            throw new ConfigException(file + ": line " + tree.line(path) + ": '" + dotted(path)
                    + "' must be a positive number (got " + value + ")");
        }
    }

    private static void validateBreakGlass(List<BreakGlass> list, Located tree, Path file) throws ConfigException {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).tenant() == null || list.get(i).tenant().isBlank()) {
                throw new ConfigException(file + ": line " + tree.line("/breakGlass/" + i) + ": 'breakGlass[" + i
                        + "].tenant' is required (a tenant id, or \"*\" for every tenant)");
            }
        }
    }

    private static void validatePatterns(PartnerSettings p, Located tree, Path file) throws ConfigException {
        for (int i = 0; i < p.accountPatterns().size(); i++) {
            regex(p.accountPatterns().get(i), "/partner/accountPatterns/" + i, tree, file);
        }
        if (p.privilegedAccountPattern() != null) {
            regex(p.privilegedAccountPattern(), "/partner/privilegedAccountPattern", tree, file);
        }
        if (p.collaborationUsersMax() < 0) {
            throw new ConfigException(file + ": line " + tree.line("/partner/collaborationUsersMax")
                    + ": 'partner.collaborationUsersMax' must be 0 or more");
        }
    }

    private static void regex(String value, String path, Located tree, Path file) throws ConfigException {
        try {
            Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(file + ": line " + tree.line(path) + ": '" + dotted(path)
                    + "' is not a valid regular expression: " + e.getDescription());
        }
    }

    private static List<AcceptedRisk> exceptions(List<RawException> raws, Located tree, Path file)
            throws ConfigException {
        List<AcceptedRisk> out = new ArrayList<>();
        if (raws == null) {
            return out;
        }
        for (int i = 0; i < raws.size(); i++) {
            RawException r = raws.get(i);
            String at = "/exceptions/" + i;
            if (r == null) {
                throw new ConfigException(file + ": line " + tree.line(at) + ": 'exceptions[" + i + "]' is empty");
            }
            require(r.control(), at + "/control", at, tree, file, "the control id, e.g. CSP.MFA.2");
            require(r.tenant(), at + "/tenant", at, tree, file, "a tenant id, or \"*\"");
            require(r.reason(), at + "/reason", at, tree, file, "why the risk is accepted");
            require(r.approvedBy(), at + "/approvedBy", at, tree, file, "who approved it");
            require(r.expires(), at + "/expires", at, tree, file, "a date, YYYY-MM-DD");
            if (!io.cspguard.controls.ControlRegistry.ids().contains(r.control())) {
                throw new ConfigException(file + ": line " + tree.line(at + "/control") + ": 'exceptions[" + i
                        + "].control' names no control: '" + r.control() + "'");
            }
            LocalDate expires;
            try {
                expires = LocalDate.parse(r.expires());
            } catch (DateTimeParseException e) {
                throw new ConfigException(file + ": line " + tree.line(at + "/expires") + ": 'exceptions[" + i
                        + "].expires' is not a date (YYYY-MM-DD): '" + r.expires() + "'");
            }
            out.add(new AcceptedRisk(r.control(), r.tenant(), r.objects(), r.reason(), r.approvedBy(), expires,
                    tree.line(at)));
        }
        return out;
    }

    private static void require(String value, String path, String item, Located tree, Path file, String what)
            throws ConfigException {
        if (value == null || value.isBlank()) {
            throw new ConfigException(file + ": line " + tree.line(item) + ": '" + dotted(path)
                    + "' is required (" + what + ")");
        }
    }

    private static Config withHash(List<BreakGlass> breakGlass, Thresholds thresholds, PartnerSettings partner,
                                   List<String> privilegedRoles, List<String> consumerMailDomains,
                                   List<AcceptedRisk> exceptions, List<Leaver> leavers) {
        Map<String, Object> canonical = new HashMap<>();
        canonical.put("breakGlass", breakGlass);
        canonical.put("thresholds", thresholds);
        canonical.put("partner", partner);
        canonical.put("privilegedRoles", privilegedRoles);
        canonical.put("consumerMailDomains", consumerMailDomains);
        canonical.put("exceptions", exceptions.stream().map(e -> List.of(e.control(), e.tenant(), e.objects(),
                e.reason(), e.approvedBy(), e.expires().toString())).toList());
        canonical.put("leavers", leavers.stream().map(l -> List.of(l.userPrincipalName(), l.leftOn().toString()))
                .toList());
        return new Config(breakGlass, thresholds, partner, privilegedRoles, consumerMailDomains, exceptions, leavers,
                sha256(canonical));
    }

    static String hashOfDefaults() {
        Map<String, Object> canonical = new HashMap<>();
        canonical.put("breakGlass", List.of());
        canonical.put("thresholds", Thresholds.DEFAULTS);
        canonical.put("partner", PartnerSettings.DEFAULTS);
        canonical.put("privilegedRoles", List.of());
        canonical.put("consumerMailDomains", List.of());
        canonical.put("exceptions", List.of());
        canonical.put("leavers", List.of());
        return sha256(canonical);
    }

    /** The SHA-256 of the effective configuration in canonical JSON: comments and layout do not change it. */
    private static String sha256(Object canonical) {
        try {
            byte[] bytes = CANONICAL.writeValueAsBytes(canonical);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the configuration", e);
        }
    }

    // ---- a YAML tree that remembers the line of every key -------------------------------------------------

    private static final class Located {
        JsonNode root;
        final Map<String, Integer> lines = new HashMap<>();

        int line(String pointer) {
            String p = pointer;
            while (true) {
                Integer l = lines.get(p);
                if (l != null) {
                    return l;
                }
                if (p.isEmpty()) {
                    return 1;
                }
                p = p.substring(0, p.lastIndexOf('/'));
            }
        }
    }

    private static Located readTree(String text, Path file) throws ConfigException {
        Located located = new Located();
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return located;
            }
            located.root = readNode(p, "", located);
            return located;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ConfigException(file + ": line " + (loc == null ? "?" : loc.getLineNr())
                    + ": not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private static JsonNode readNode(JsonParser p, String path, Located located) throws IOException {
        located.lines.putIfAbsent(path, p.currentLocation().getLineNr());
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode o = f.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    String child = path + "/" + name.replace("~", "~0").replace("/", "~1");
                    located.lines.put(child, p.currentLocation().getLineNr());
                    p.nextToken();
                    if (o.has(name)) {
                        throw new com.fasterxml.jackson.core.JsonParseException(p,
                                "the key '" + dotted(child) + "' appears twice");
                    }
                    o.set(name, readNode(p, child, located));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = f.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(readNode(p, path + "/" + i++, located));
                }
                return a;
            }
            case VALUE_STRING -> {
                return f.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return f.numberNode(p.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return f.numberNode(p.getDecimalValue());
            }
            case VALUE_TRUE -> {
                return f.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return f.booleanNode(false);
            }
            case VALUE_NULL -> {
                return f.nullNode();
            }
            default -> throw new IOException("unexpected " + p.currentToken());
        }
    }

    private static String pointer(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            sb.append('/').append(r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()));
        }
        return sb.toString();
    }

    /** {@code /exceptions/1/expires} → {@code exceptions[1].expires}. */
    static String dotted(String pointer) {
        StringBuilder sb = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                sb.append('[').append(part).append(']');
            } else {
                sb.append(sb.isEmpty() ? "" : ".").append(part);
            }
        }
        return sb.toString();
    }
}
