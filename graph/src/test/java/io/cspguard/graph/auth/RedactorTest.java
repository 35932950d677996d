package io.cspguard.graph.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {
    @Test
    void knownSecretsAndTokenShapedTextAreMasked() {
        Redactor r = new Redactor();
        r.add("abc~Secret-123");
        r.add("abc~Secret-123-longer");
        r.add("x"); // too short to be a secret: ignored
        r.addToken("opaque-access-token-1234");
        assertThat(r.redact("a abc~Secret-123-longer b abc~Secret-123 c opaque-access-token-1234 x"))
                .isEqualTo("a [redacted] b [redacted] c [redacted] x");
        assertThat(r.redact("Bearer eyJ0eXAiOiJKV1QifQ.eyJ0aWQiOiJ4In0.c2lnbmF0dXJl end"))
                .isEqualTo("Bearer [redacted] end");
        assertThat(r.redact("grant_type=refresh_token&refresh_token=0.AAA-bbb&client_secret=s3c&scope=x"))
                .isEqualTo("grant_type=refresh_token&refresh_token=[redacted]&client_secret=[redacted]&scope=x");
        assertThat(r.redact("{\"refresh_token\": \"0.AAA\", \"error\": \"invalid_grant\"}"))
                .isEqualTo("{\"refresh_token\":\"[redacted]\", \"error\": \"invalid_grant\"}");
        assertThat(r.redact(null)).isNull();
    }

    @Test
    void scrubKeepsClassesAndStacksButNotSecrets() {
        Redactor r = new Redactor();
        r.add("hunter2-secret");
        Exception inner = new IllegalStateException("inner hunter2-secret");
        Exception outer = new RuntimeException("outer hunter2-secret", inner);
        Throwable s = r.scrub(outer);
        assertThat(Secrecy.everything(s)).doesNotContain("hunter2-secret")
                .contains("java.lang.RuntimeException: outer [redacted]")
                .contains("java.lang.IllegalStateException: inner [redacted]");
        assertThat(s.getStackTrace()).isEqualTo(outer.getStackTrace());
    }
}
