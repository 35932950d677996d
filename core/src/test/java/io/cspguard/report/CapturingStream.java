package io.cspguard.report;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Remembers whether a writer closed or flushed the stream it was given. */
final class CapturingStream extends ByteArrayOutputStream {
    boolean closed;
    boolean flushed;

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void flush() {
        flushed = true;
    }

    String text() {
        return toString(StandardCharsets.UTF_8);
    }

    static CapturingStream written(ReportFormat format) throws java.io.IOException {
        CapturingStream out = new CapturingStream();
        ReportWriters.forFormat(format).write(SampleAssessment.build(), out);
        return out;
    }
}
