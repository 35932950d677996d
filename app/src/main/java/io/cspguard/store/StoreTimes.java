package io.cspguard.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Times go into the store as UTC {@link OffsetDateTime}s: one binding that H2 and PostgreSQL read back alike. */
final class StoreTimes {
    private StoreTimes() {
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
