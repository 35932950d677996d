package io.cspguard.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonlCodecTest {
    private static final Instant AT = Instant.parse("2025-03-01T09:30:00.120Z");
    private final JsonlCodec codec = new JsonlCodec();

    @Test
    void writesEveryFieldIncludingNonesAndTheHashedTime() {
        AuditEntry e = new AuditEntry(3, AT, "alice", null, "t1", "finding.viewed", "f-1", "success", null,
                "aa".repeat(32), "bb".repeat(32));
        assertThat(codec.write(new AuditLine.Entry(e))).isEqualTo("{\"type\":\"entry\",\"seq\":3,"
                + "\"at\":\"2025-03-01T09:30:00.120Z\",\"actor\":\"alice\",\"sourceIp\":null,\"tenantId\":\"t1\","
                + "\"action\":\"finding.viewed\",\"target\":\"f-1\",\"result\":\"success\",\"detail\":null,"
                + "\"prevHash\":\"" + "aa".repeat(32) + "\",\"hash\":\"" + "bb".repeat(32) + "\"}");
    }

    @Test
    void hostileValuesStayOnOneLineAndReadBackExactly() {
        for (int i = 0; i < HostileStrings.ALL.size(); i++) {
            AuditEntry e = new AuditEntry(i + 1, AT, HostileStrings.pick(i), HostileStrings.pick(i + 3),
                    HostileStrings.pick(i + 1), "tenant.viewed", HostileStrings.pick(i + 4), "success",
                    HostileStrings.pick(i + 2), "aa".repeat(32), "bb".repeat(32));
            String line = codec.write(new AuditLine.Entry(e));
            assertThat(line).doesNotContain("\n", "\r", "\u2028", "\u2029", "\u0085", "\u0000", "\u007f", "\u001b");
            assertThat(codec.read(line)).isEqualTo(new AuditLine.Entry(e));
        }
    }

    @Test
    void refusesLinesItDidNotWrite() {
        assertThatThrownBy(() -> codec.read("{\"type\":\"entry\",\"seq\":1")).isInstanceOf(AuditFormatException.class);
        assertThatThrownBy(() -> codec.read("{\"type\":\"entry\",\"seq\":1} {}")).isInstanceOf(AuditFormatException.class);
        assertThatThrownBy(() -> codec.read("{\"type\":\"entry\",\"seq\":\"1\"}"))
                .isInstanceOf(AuditFormatException.class).hasMessageContaining("seq");
        assertThatThrownBy(() -> codec.read("{\"type\":\"note\"}"))
                .isInstanceOf(AuditFormatException.class).hasMessageContaining("unknown line type");
    }
}
