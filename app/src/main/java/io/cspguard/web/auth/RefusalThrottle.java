package io.cspguard.web.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Keeps refused anonymous requests (a missing sign-in form token, a foreign Origin) from writing an audit entry each:
 * at most one entry per source address per {@code window}; the refusals in between are counted, and the count goes
 * into the address's next entry. Kept in memory, per server process, like the rate limiter.
 */
final class RefusalThrottle {
    private static final int MAX_TRACKED = 100_000;

    private final Clock clock;
    private final Duration window;
    private final Map<String, Recorded> byAddress = new HashMap<>();

    private static final class Recorded {
        final Instant at;
        int unrecorded;

        Recorded(Instant at) {
            this.at = at;
        }
    }

    RefusalThrottle(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    /**
     * A refusal from {@code address}.
     *
     * @return empty when it is not to be recorded (it is counted); otherwise how many refusals from the address went
     *         unrecorded since its last entry
     */
    synchronized OptionalInt admit(String address) {
        Instant now = clock.instant();
        Recorded last = byAddress.get(address);
        if (last != null && now.isBefore(last.at.plus(window))) {
            last.unrecorded++;
            return OptionalInt.empty();
        }
        if (byAddress.size() >= MAX_TRACKED) {
            // bounded memory: forget the quiet addresses (and, under a flood of addresses, their counts)
            byAddress.values().removeIf(r -> !now.isBefore(r.at.plus(window)));
        }
        byAddress.put(address, new Recorded(now));
        return OptionalInt.of(last == null ? 0 : last.unrecorded);
    }
}
