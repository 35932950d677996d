package io.cspguard.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;

/** Jackson generators that stream to a stream the caller owns, and the few value conversions the writers share. */
final class JsonStreams {
    // Closing a generator must flush, never close, the caller's stream (it may be standard output).
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .enable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private JsonStreams() {
    }

    static JsonGenerator compact(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out, JsonEncoding.UTF8);
    }

    /** Pretty-printed with "\n" whatever the platform, so that the same run gives the same bytes everywhere. */
    static JsonGenerator pretty(OutputStream out) throws IOException {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        JsonGenerator g = compact(out);
        g.setPrettyPrinter(printer);
        return g;
    }

    static void stringOrNull(JsonGenerator g, String field, Instant value) throws IOException {
        g.writeStringField(field, value == null ? null : value.toString());
    }

    static void stringOrNull(JsonGenerator g, String field, LocalDate value) throws IOException {
        g.writeStringField(field, value == null ? null : value.toString());
    }

    static void stringOrNull(JsonGenerator g, String field, Enum<?> value) throws IOException {
        g.writeStringField(field, value == null ? null : value.name());
    }
}
