package io.cspguard.graph.auth;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a connection profile (formats.md §4): JSON, or YAML when the file ends in {@code .yaml}/{@code .yml}.
 *
 * <p>Required: {@code partnerTenantId}, {@code clientId} and a credential — {@code clientSecret}, or
 * {@code certificatePath} (PEM with the certificate and its PKCS#8 key, or PFX; {@code certificatePassword} for an
 * encrypted key or a PFX), or in delegated mode {@code refreshToken} (the file {@code cspguard connect} writes; it
 * need not exist yet). Everything else defaults to Microsoft's public cloud. Relative paths are resolved against the
 * profile's folder; the files named must exist (but the refresh token file). The simulator's added keys
 * ({@code world}, {@code planted}, {@code config}, {@code worldTime}, {@code users}) are ignored; any other key is an
 * error naming it. Secrets stay as given ({@code env:NAME} is resolved when used, by {@link Secrets}).
 *
 * <p>Errors never quote the file's text, so a malformed profile cannot leak a secret into a message.
 */
public final class ProfileLoader {
    public static final String DEFAULT_AUTHORITY = "https://login.microsoftonline.com";
    public static final String DEFAULT_GRAPH = "https://graph.microsoft.com";
    public static final String DEFAULT_PARTNER_CENTER = "https://api.partnercenter.microsoft.com";

    static final List<String> KEYS = List.of("partnerTenantId", "clientId", "mode", "clientSecret", "certificatePath",
            "certificatePassword", "refreshToken", "authority", "graph", "partnerCenter", "caCert");
    /** Keys the simulator adds to the profile it writes (formats.md §5): allowed, not used. */
    static final Set<String> SIMULATOR_KEYS = Set.of("world", "planted", "config", "worldTime", "users");

    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DOMAIN =
            Pattern.compile("(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    private ProfileLoader() {
    }

    /** The profile in {@code file}, validated. */
    public static ConnectionProfile load(Path file) throws ProfileException {
        Path source = file.toAbsolutePath().normalize();
        JsonNode root = parse(source);
        if (root == null || root.isNull() || root.isMissingNode()) {
            throw new ProfileException(source, null, "the profile is empty");
        }
        if (!root.isObject()) {
            throw new ProfileException(source, null, "the profile must be an object of keys (formats.md §4)");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name) && !SIMULATOR_KEYS.contains(name)) {
                throw new ProfileException(source, name, "unknown key (known: " + String.join(", ", KEYS) + ")");
            }
        }
        Fields f = new Fields(source, root);
        String partnerTenantId = f.required("partnerTenantId");
        if (!GUID.matcher(partnerTenantId).matches() && !DOMAIN.matcher(partnerTenantId).matches()) {
            throw new ProfileException(source, "partnerTenantId", "must be a tenant id (a GUID) or a domain name, "
                    + "e.g. contoso.onmicrosoft.com");
        }
        String clientId = f.required("clientId");
        if (!GUID.matcher(clientId).matches()) {
            throw new ProfileException(source, "clientId", "must be the application (client) id, a GUID");
        }
        ConnectionProfile.Mode mode = mode(source, f.optional("mode"));
        String clientSecret = f.secret("clientSecret");
        Path certificate = f.path("certificatePath", true);
        String certificatePassword = f.secret("certificatePassword");
        Path refreshToken = f.path("refreshToken", false);
        if (certificatePassword != null && certificate == null) {
            throw new ProfileException(source, "certificatePassword", "given without certificatePath");
        }
        if (mode == ConnectionProfile.Mode.APP && clientSecret == null && certificate == null) {
            throw new ProfileException(source, null, "no credential: app mode needs clientSecret or certificatePath");
        }
        if (mode == ConnectionProfile.Mode.DELEGATED && refreshToken == null) {
            throw new ProfileException(source, "refreshToken", "delegated mode needs refreshToken: the file where "
                    + "`cspguard connect` keeps the partner user's refresh token, encrypted");
        }
        String authority = f.url("authority", DEFAULT_AUTHORITY);
        String graph = f.url("graph", DEFAULT_GRAPH);
        String partnerCenter = f.url("partnerCenter", DEFAULT_PARTNER_CENTER);
        Path caCert = f.path("caCert", true);
        return new ConnectionProfile(partnerTenantId, clientId, mode, clientSecret, certificate, certificatePassword,
                refreshToken, authority, graph, partnerCenter, caCert, source);
    }

    private static JsonNode parse(Path source) throws ProfileException {
        String name = source.getFileName() == null ? "" : source.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        ObjectMapper mapper = yaml ? new YAMLMapper() : new ObjectMapper();
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(source);
        } catch (NoSuchFileException e) {
            throw new ProfileException(source, null, "no such file");
        } catch (IOException e) {
            throw new ProfileException(source, null, "cannot read: " + e.getClass().getSimpleName());
        }
        try {
            return mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            // Jackson's own message may quote the text (an unquoted secret): give the place only
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String what = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    ? "a key is given twice" : "not valid " + (yaml ? "YAML" : "JSON");
            throw new ProfileException(source, null, what + where);
        } catch (IOException e) {
            throw new ProfileException(source, null, "cannot read: " + e.getClass().getSimpleName());
        }
    }

    private static ConnectionProfile.Mode mode(Path source, String value) throws ProfileException {
        if (value == null) {
            return ConnectionProfile.Mode.APP;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "app" -> ConnectionProfile.Mode.APP;
            case "delegated" -> ConnectionProfile.Mode.DELEGATED;
            default -> throw new ProfileException(source, "mode", "must be \"app\" or \"delegated\"");
        };
    }

    /** The profile's values, each checked with its key in the error. */
    private record Fields(Path source, JsonNode root) {
        String optional(String key) throws ProfileException {
            JsonNode v = root.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual()) {
                throw new ProfileException(source, key, "must be a string (quote it in YAML)");
            }
            String s = v.asText().strip();
            return s.isEmpty() ? null : s;
        }

        String required(String key) throws ProfileException {
            String v = optional(key);
            if (v == null) {
                throw new ProfileException(source, key, "required");
            }
            return v;
        }

        /** A secret, as given (not stripped: a secret's spaces are its own); {@code env:} names are checked. */
        String secret(String key) throws ProfileException {
            JsonNode v = root.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual()) {
                throw new ProfileException(source, key, "must be a string (quote it in YAML)");
            }
            String s = v.asText();
            if (s.isEmpty()) {
                return null;
            }
            if (Secrets.isReference(s)) {
                try {
                    Secrets.variable(s);
                } catch (ProfileException e) {
                    throw e.at(source, key);
                }
            }
            return s;
        }

        Path path(String key, boolean mustExist) throws ProfileException {
            String v = optional(key);
            if (v == null) {
                return null;
            }
            Path p;
            try {
                p = source.resolveSibling(Path.of(v)).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw new ProfileException(source, key, "not a valid path");
            }
            if (mustExist && !Files.isRegularFile(p)) {
                throw new ProfileException(source, key, "no such file: " + p);
            }
            if (mustExist && !Files.isReadable(p)) {
                throw new ProfileException(source, key, "cannot read " + p);
            }
            if (!mustExist && Files.isDirectory(p)) {
                throw new ProfileException(source, key, "is a folder, not a file: " + p);
            }
            return p;
        }

        /** An https URL of a host (and port), no path: returned without a trailing slash. */
        String url(String key, String fallback) throws ProfileException {
            String v = optional(key);
            if (v == null) {
                return fallback;
            }
            URI u;
            try {
                u = new URI(v);
            } catch (URISyntaxException e) {
                throw new ProfileException(source, key, "not a valid URL");
            }
            if (!"https".equalsIgnoreCase(u.getScheme())) {
                throw new ProfileException(source, key, "must be an https URL (TLS is never turned off; trust a "
                        + "private CA with caCert)");
            }
            if (u.getHost() == null || u.getRawUserInfo() != null) {
                throw new ProfileException(source, key, "must be https://host or https://host:port");
            }
            if (u.getRawQuery() != null || u.getRawFragment() != null
                    || (u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/"))) {
                throw new ProfileException(source, key, "give the base URL only, without a path (e.g. " + fallback
                        + ")" + ("authority".equals(key) ? ": the tenant is added per request" : ""));
            }
            return "https://" + u.getRawAuthority();
        }
    }
}
