package io.cspguard.graph.http;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Where one snapshot file is written: opened when its first page has arrived, then kept when every page has been
 * merged, or discarded when a page failed for good — a file is never left looking complete when it is not.
 */
public interface FileOutput {
    /** Starts the file (again, if it was started before) and returns a generator writing it. */
    JsonGenerator open() throws IOException;

    /** The file is complete: flush and close the generator, keep the file. */
    void commit() throws IOException;

    /** The file is not complete: close the generator, remove whatever was written. Never throws. */
    void discard();
}
