package io.cspguard.graph.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A {@link FileOutput} to one plain file, for the tests. */
final class TempFileOutput implements FileOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    final Path path;
    private OutputStream out;
    private JsonGenerator g;
    int opened;
    boolean committed;
    boolean discarded;

    TempFileOutput(Path path) {
        this.path = path;
    }

    @Override
    public JsonGenerator open() throws IOException {
        opened++;
        Files.createDirectories(path.getParent());
        out = Files.newOutputStream(path);
        g = MAPPER.getFactory().createGenerator(out);
        return g;
    }

    @Override
    public void commit() throws IOException {
        g.close();
        out.close();
        committed = true;
    }

    @Override
    public void discard() {
        try {
            if (g != null) {
                g.close();
            }
            if (out != null) {
                out.close();
            }
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        discarded = true;
    }
}
