package io.cspguard.audit;

/** Writes and reads the lines of one export format; what it reads back is exactly what it was given. */
interface AuditLineCodec {
    String write(AuditLine line);

    /** Reads a line; throws {@link AuditFormatException} saying what is wrong with it. */
    AuditLine read(String line);

    static AuditLineCodec of(ExportFormat format) {
        return switch (format) {
            case JSONL -> new JsonlCodec();
            case SYSLOG -> new SyslogCodec(SyslogCodec.localHostName());
        };
    }
}
