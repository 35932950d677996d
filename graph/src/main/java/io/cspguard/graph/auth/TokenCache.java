package io.cspguard.graph.auth;

import com.microsoft.aad.msal4j.IAuthenticationResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Access tokens by tenant and resource, each until {@value #MARGIN_MINUTES} minutes before it expires. */
final class TokenCache {
    static final int MARGIN_MINUTES = 5;
    private static final Duration MARGIN = Duration.ofMinutes(MARGIN_MINUTES);

    private record Entry(String token, Instant expiresOn) {
    }

    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    TokenCache(Clock clock) {
        this.clock = clock;
    }

    /** The token for {@code key} while it has more than the margin left, else null. */
    String get(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (!clock.instant().isBefore(e.expiresOn().minus(MARGIN))) {
            entries.remove(key, e);
            return null;
        }
        return e.token();
    }

    /** Keeps MSAL's result; one without an expiry is not kept. */
    void put(String key, IAuthenticationResult r) {
        if (r.expiresOnDate() != null && r.accessToken() != null) {
            entries.put(key, new Entry(r.accessToken(), r.expiresOnDate().toInstant()));
        }
    }

    void remove(String key) {
        entries.remove(key);
    }
}
