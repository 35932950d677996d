package io.cspguard.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyslogCodecTest {
    private static final Instant AT = Instant.parse("2025-03-01T09:30:00.123Z");
    private final SyslogCodec codec = new SyslogCodec("guard-01");

    private static AuditEntry entry(String actor, String tenant, String action, String result, String detail) {
        String hash = AuditHash.compute(7, AT, actor, "192.0.2.7", tenant, action, "run 12", result, detail,
                AuditHash.GENESIS);
        return new AuditEntry(7, AT, actor, "192.0.2.7", tenant, action, "run 12", result, detail, AuditHash.GENESIS,
                hash);
    }

    @Test
    void writesAnRfc5424LineWithTheEntryAsStructuredData() {
        String line = codec.write(new AuditLine.Entry(entry("alice", "t1", "run.started", "success", "manual run")));
        assertThat(line).isEqualTo("<109>1 2025-03-01T09:30:00.123Z guard-01 cspguard - run.started [cspguard@32473 "
                + "seq=\"7\" prev=\"" + AuditHash.GENESIS + "\" hash=\"" + entry("alice", "t1", "run.started",
                "success", "manual run").hash() + "\" actor=\"alice\" ip=\"192.0.2.7\" tenant=\"t1\" "
                + "action=\"run.started\" target=\"run 12\" result=\"success\"] \uFEFFmanual run");
    }

    @Test
    void aDetailIsUtf8AfterTheByteOrderMarkWhichIsNotPartOfIt() {
        AuditEntry e = entry("alice", "t1", "run.started", "success", "Zürich — 東京");
        String line = codec.write(new AuditLine.Entry(e));
        assertThat(line).endsWith("] \uFEFFZürich — 東京");
        assertThat(codec.read(line)).isEqualTo(new AuditLine.Entry(e));
    }

    @Test
    void severityIsWarningForFailuresAndDenials() {
        assertThat(codec.write(new AuditLine.Entry(entry("a", null, "signin.failure", "failure", null))))
                .startsWith("<108>1 ");
        assertThat(codec.write(new AuditLine.Entry(entry("a", null, "access.denied", "denied", null))))
                .startsWith("<108>1 ");
    }

    @Test
    void escapesQuoteBackslashAndBracketAsRfc5424Says() {
        String line = codec.write(new AuditLine.Entry(entry("a\"b\\c]d", null, "x.y", "success", null)));
        assertThat(line).contains("actor=\"a\\\"b\\\\c\\]d\"");
    }

    @Test
    void msgIdIsTheActionCutToThirtyTwoPrintableCharacters() {
        assertThat(SyslogCodec.printableAscii("exception.approved.by.someone.else.entirely", 32, "-"))
                .isEqualTo("exception.approved.by.someone.el");
        assertThat(SyslogCodec.printableAscii("a b\u00e9", 32, "-")).isEqualTo("a_b_");
        assertThat(SyslogCodec.printableAscii("", 32, "-")).isEqualTo("-");
    }

    @Test
    void hostileValuesStayOnOneLineAndReadBackExactly() {
        for (int i = 0; i < HostileStrings.ALL.size(); i++) {
            AuditEntry e = entry(HostileStrings.pick(i), HostileStrings.pick(i + 1), "tenant.viewed", "success",
                    HostileStrings.pick(i + 2));
            String line = codec.write(new AuditLine.Entry(e));
            assertThat(line).doesNotContain("\n", "\r", "\u2028", "\u2029", "\u0085", "\u0000", "\u007f", "\u001b");
            assertThat(codec.read(line)).isEqualTo(new AuditLine.Entry(e));
        }
    }

    @Test
    void absentValuesHaveNoParameterAndReadBackAsNone() {
        AuditEntry e = new AuditEntry(1, AT, "system", null, null, "run.failed", null, "failure", null,
                AuditHash.GENESIS, AuditHash.compute(1, AT, "system", null, null, "run.failed", null, "failure", null,
                AuditHash.GENESIS));
        String line = codec.write(new AuditLine.Entry(e));
        assertThat(line).doesNotContain("ip=", "tenant=", "target=").endsWith("result=\"failure\"]");
        assertThat(codec.read(line)).isEqualTo(new AuditLine.Entry(e));
    }

    @Test
    void checkpointAndAnchorAreLinesOfTheirOwn() {
        AuditHead head = new AuditHead(42, "ab".repeat(32));
        assertThat(codec.read(codec.write(new AuditLine.Checkpoint(head, AT))))
                .isEqualTo(new AuditLine.Checkpoint(head, AT));
        AuditAnchor anchor = new AuditAnchor(10, "cd".repeat(32), 10, AT.minusSeconds(60), AT, "admin \"x\"\n");
        String line = codec.write(new AuditLine.Anchor(anchor));
        assertThat(line).contains("[cspguardAnchor@32473 ");
        assertThat(codec.read(line)).isEqualTo(new AuditLine.Anchor(anchor));
    }

    @Test
    void refusesWhatItDidNotWrite() {
        assertThatThrownBy(() -> codec.read("Mar  1 09:30:00 host cspguard: hello"))
                .isInstanceOf(AuditFormatException.class).hasMessageContaining("<PRI>1");
        assertThatThrownBy(() -> codec.read("<109>1 2025-03-01T09:30:00.123Z h cspguard - x [cspguard@32473 seq=\"1"))
                .isInstanceOf(AuditFormatException.class).hasMessageContaining("not closed");
        assertThatThrownBy(() -> codec.read("<109>1 2025-03-01T09:30:00.123Z h cspguard - x [cspguard@32473 "
                + "seq=\"1\" actor=\"a\\qb\"]")).isInstanceOf(AuditFormatException.class).hasMessageContaining("escape");
    }
}
