package io.cspguard.store;

import io.cspguard.report.ReportFormat;
import io.cspguard.report.ReportWriters;
import io.cspguard.result.Assessment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A run's {@code run_reports} blob: the contract JSON of the whole assessment (core's JSON report writer), gzipped.
 * Every report format the dashboard offers is rendered again from it, so the store never needs the snapshot.
 */
final class AssessmentBlob {
    private AssessmentBlob() {
    }

    static byte[] gzip(Assessment a) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        try (GZIPOutputStream gz = new FastGzip(bytes)) {
            ReportWriters.forFormat(ReportFormat.JSON).write(a, gz);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the assessment JSON in memory", e);
        }
        return bytes.toByteArray();
    }

    /** Level 1: a run's JSON is tens of MB of repetitive text; the fastest level already shrinks it about tenfold. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(ByteArrayOutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
