package io.cspguard.snapshot;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * Reads the Graph-shaped files of one tenant folder into {@link Data}: present, or missing with a reason that names
 * the file, the collector's recorded error, or the line and column where the file stops making sense.
 */
final class GraphFiles {
    /** Reads one item of a {@code value} array; the parser stands on the item's first token. */
    @FunctionalInterface
    interface ItemReader<T> {
        T read(JsonParser p) throws IOException;
    }

    private final Path dir;
    private final FileDigests digests;
    private final Map<String, ReadError> errors;

    GraphFiles(Path dir, FileDigests digests, Map<String, ReadError> errors) {
        this.dir = dir;
        this.digests = digests;
        this.errors = errors;
    }

    boolean recordedAsFailed(String file) {
        return errors.containsKey(file);
    }

    boolean exists(String file) {
        return locate(file).isPresent() && !errors.containsKey(file);
    }

    /** {@code {"value":[…]}}, all pages merged; a file that still holds {@code @odata.nextLink} was cut short. */
    <T> Data<List<T>> collection(String file, Class<T> type) {
        ObjectReader reader = Json.MAPPER.readerFor(type);
        return collection(file, p -> reader.readValue(p));
    }

    /**
     * A collection whose entries must each carry some properties (present, even if null): a file collected without
     * them — a plain {@code GET /users} has no {@code accountEnabled} — cannot answer the controls' questions, and
     * reading the absence as "false" or "none" would turn missing data into a pass.
     */
    <T> Data<List<T>> collection(String file, Class<T> type, String... requiredProperties) {
        ObjectReader reader = Json.MAPPER.readerFor(type);
        return collection(file, p -> {
            JsonLocation location = p.currentLocation();
            PropertyNames names = new PropertyNames(p);
            T value = reader.readValue(names); // straight from the file: errors keep their line and column
            for (String property : requiredProperties) {
                if (!names.seen.contains(property)) {
                    throw new JsonDataException("an entry has no \"" + property + "\" (collect it with the $select of "
                            + "formats.md §1)", location);
                }
            }
            return value;
        });
    }

    /**
     * Notes the property names of the object the parser stands on, as a deserializer advances through it
     * ({@code nextToken}, {@code nextFieldName}). A way of advancing it does not see would make a property look
     * absent: the file is then unreadable, never misread.
     */
    private static final class PropertyNames extends com.fasterxml.jackson.core.util.JsonParserDelegate {
        final java.util.Set<String> seen = new java.util.HashSet<>();
        private final com.fasterxml.jackson.core.JsonStreamContext entry;

        PropertyNames(JsonParser p) {
            super(p);
            this.entry = p.getParsingContext();
        }

        private void note(JsonToken t) throws IOException {
            if (t == JsonToken.FIELD_NAME && delegate.getParsingContext() == entry) {
                seen.add(delegate.currentName());
            }
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken t = delegate.nextToken();
            note(t);
            return t;
        }

        @Override
        public String nextFieldName() throws IOException {
            String name = delegate.nextFieldName();
            note(delegate.currentToken());
            return name;
        }

        @Override
        public boolean nextFieldName(com.fasterxml.jackson.core.SerializableString str) throws IOException {
            boolean match = delegate.nextFieldName(str);
            note(delegate.currentToken());
            return match;
        }
    }

    <T> Data<List<T>> collection(String file, ItemReader<T> itemReader) {
        return read(file, p -> readCollection(p, itemReader));
    }

    /**
     * Sign-in logs: the bulk of a snapshot, read without duplicate-key detection (it costs a set of names per
     * object); a duplicated key there resolves as Jackson always does, the last one wins.
     */
    <T> Data<List<T>> bulkCollection(String file, ItemReader<T> itemReader) {
        return read(file, p -> {
            p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            return readCollection(p, itemReader);
        });
    }

    /** A single object, exactly as Graph returns it. */
    <T> Data<T> object(String file, Class<T> type) {
        ObjectReader reader = Json.MAPPER.readerFor(type);
        return read(file, p -> {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonDataException("expected a JSON object", p.currentLocation());
            }
            T value = reader.readValue(p);
            if (p.nextToken() != null) {
                throw new JsonDataException("unexpected content after the object", p.currentLocation());
            }
            return value;
        });
    }

    /** What the absence of a file means when nothing makes it impossible: not collected, or refused. */
    <T> Data<T> absent(String file) {
        ReadError error = errors.get(file);
        if (error != null) {
            return Data.missing(file, file + " could not be read by the collector (" + error.describe() + ")");
        }
        return Data.missing(file, file + " was not collected");
    }

    /**
     * Every {@code <folder>/<id>.json} present, keyed by id; an absent id resolves through {@code whenAbsent}, which
     * is given the file's path ({@code groupMembers/<id>.json}).
     */
    <T> Keyed<T> keyed(String folder, Function<String, Data<T>> readOne, Function<String, Data<T>> whenAbsent) {
        Map<String, Data<T>> byId = new java.util.HashMap<>();
        Path sub = dir.resolve(folder);
        if (Files.isDirectory(sub)) {
            try (var entries = Files.list(sub)) {
                for (Path f : (Iterable<Path>) entries.sorted()::iterator) {
                    String name = f.getFileName().toString();
                    String id = name.endsWith(".json") ? name.substring(0, name.length() - 5)
                            : name.endsWith(".json.gz") ? name.substring(0, name.length() - 8) : null;
                    if (id != null && Files.isRegularFile(f)) {
                        byId.put(id.toLowerCase(java.util.Locale.ROOT), readOne.apply(folder + "/" + id + ".json"));
                    }
                }
            } catch (IOException e) {
                // An unlistable folder: every object's file is then missing, with this reason.
                String reason = folder + "/ could not be listed: " + e.getMessage();
                return new Keyed<>(folder, Map.of(), id -> Data.missing(folder + "/" + id + ".json", reason));
            }
        }
        Function<String, Data<T>> absent = id -> whenAbsent.apply(folder + "/" + id + ".json");
        return new Keyed<>(folder, byId, absent);
    }

    private Optional<Path> locate(String file) {
        Path plain = dir.resolve(file);
        if (Files.isRegularFile(plain)) {
            return Optional.of(plain);
        }
        Path gz = dir.resolve(file + ".gz");
        return Files.isRegularFile(gz) ? Optional.of(gz) : Optional.empty();
    }

    @FunctionalInterface
    private interface Body<T> {
        T parse(JsonParser p) throws IOException;
    }

    private <T> Data<T> read(String file, Body<T> body) {
        Optional<Path> path = locate(file);
        if (path.isEmpty() || errors.containsKey(file)) {
            return absent(file);
        }
        boolean gz = path.get().getFileName().toString().endsWith(".gz");
        try (InputStream raw = digests.open(path.get());
             InputStream in = gz ? new GZIPInputStream(raw, 64 * 1024) : raw;
             JsonParser p = Json.MAPPER.createParser(in)) {
            return Data.present(body.parse(p));
        } catch (JsonDataException e) {
            return Data.missing(file, unreadable(file, e.getMessage(), e.location));
        } catch (JsonProcessingException e) {
            return Data.missing(file, unreadable(file, e.getOriginalMessage(), e.getLocation()));
        } catch (IOException | RuntimeException e) {
            return Data.missing(file, file + " is unreadable: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String unreadable(String file, String what, JsonLocation loc) {
        String where = loc == null || loc.getLineNr() < 0 ? ""
                : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        String first = what == null ? "malformed" : what.lines().findFirst().orElse(what);
        return file + " is unreadable" + where + ": " + first;
    }

    private static <T> List<T> readCollection(JsonParser p, ItemReader<T> itemReader) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new JsonDataException("expected a JSON object {\"value\":[…]}", p.currentLocation());
        }
        List<T> items = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if ("value".equals(name)) {
                if (t != JsonToken.START_ARRAY) {
                    throw new JsonDataException("\"value\" is not an array", p.currentLocation());
                }
                items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (p.currentToken() != JsonToken.START_OBJECT) {
                        throw new JsonDataException("an entry of \"value\" is not an object", p.currentLocation());
                    }
                    items.add(itemReader.read(p));
                }
            } else if ("@odata.nextLink".equals(name) && t != JsonToken.VALUE_NULL) {
                throw new JsonDataException("cut short: it still holds an @odata.nextLink (not all pages were merged)",
                        p.currentLocation());
            } else {
                p.skipChildren();
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
            throw new JsonDataException("unexpected content after the object", p.currentLocation());
        }
        if (items == null) {
            throw new JsonDataException("no \"value\" array", p.currentLocation());
        }
        return List.copyOf(items);
    }

    /** A well-formed file whose content is not what Graph returns. */
    static final class JsonDataException extends IOException {
        final transient JsonLocation location;

        JsonDataException(String message, JsonLocation location) {
            super(message);
            this.location = location;
        }
    }
}
