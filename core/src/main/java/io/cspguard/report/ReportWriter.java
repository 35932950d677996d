package io.cspguard.report;

import io.cspguard.result.Assessment;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes one run's results in one format, as UTF-8. Implementations stream to {@code out} as they go (a partner with
 * thousands of tenants makes large reports), flush it when done and never close it: the caller owns the stream
 * (it may be standard output).
 */
public interface ReportWriter {
    void write(Assessment a, OutputStream out) throws IOException;
}
