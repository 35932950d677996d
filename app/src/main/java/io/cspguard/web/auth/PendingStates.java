package io.cspguard.web.auth;

import io.cspguard.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Short-lived server-side states between two requests of a sign-in (password accepted and second factor due, an
 * OIDC authorization in flight, a WebAuthn challenge, an enrolment in progress). The client holds a random token;
 * {@link #take} uses a state up (once), {@link #peek} reads it and leaves it. A state started by a client address
 * counts against that address: at most {@value #MAX_PER_ADDRESS} live ones, the oldest making room, so anonymous
 * requests cannot fill the table (they are rate-limited as well).
 */
final class PendingStates {
    static final String SECOND_FACTOR = "second-factor";
    static final String OIDC = "oidc";
    static final String PASSKEY_ASSERTION = "passkey-get";
    static final String ENROLMENT = "enrolment";
    static final int MAX_PER_ADDRESS = 30;

    record State(String purpose, Long userId, String payload) {
    }

    private final Database db;
    private final Clock clock;

    PendingStates(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Stores a state started from {@code sourceIp} under a new random token and returns the token. */
    String put(String purpose, Long userId, String payload, Duration lifetime, String sourceIp) {
        String token = Tokens.random();
        put(token, purpose, userId, payload, lifetime, sourceIp);
        return token;
    }

    /** Stores (or replaces) a state under a token the caller already has (an enrolment link's: bounded by it). */
    void put(String token, String purpose, Long userId, String payload, Duration lifetime) {
        put(token, purpose, userId, payload, lifetime, null);
    }

    /** Stores (or replaces) a state under a token the caller already has, counted against {@code sourceIp}. */
    void put(String token, String purpose, Long userId, String payload, Duration lifetime, String address) {
        String hash = Tokens.sha256(purpose + ":" + token);
        // the column's width; a longer value can only come from a trusted proxy's X-Forwarded-For
        String sourceIp = address == null || address.length() <= 64 ? address : address.substring(0, 64);
        Instant now = clock.instant();
        db.jdbi().useTransaction(h -> {
            h.createUpdate("DELETE FROM pending_states WHERE token_hash = :h").bind("h", hash).execute();
            if (sourceIp != null) {
                makeRoom(h, sourceIp, now);
            }
            h.createUpdate("INSERT INTO pending_states (token_hash, purpose, user_id, payload, source_ip, expires_at)"
                            + " VALUES (:h, :p, :u, :d, :ip, :e)")
                    .bind("h", hash).bind("p", purpose).bind("u", userId).bind("d", payload).bind("ip", sourceIp)
                    .bind("e", Times.bind(now.plus(lifetime))).execute();
        });
    }

    /** Deletes the address's expired states, and its oldest live ones beyond {@value #MAX_PER_ADDRESS} - 1. */
    private static void makeRoom(Handle h, String sourceIp, Instant now) {
        h.createUpdate("DELETE FROM pending_states WHERE source_ip = :ip AND expires_at <= :now")
                .bind("ip", sourceIp).bind("now", Times.bind(now)).execute();
        List<String> newestFirst = h.createQuery("SELECT token_hash FROM pending_states WHERE source_ip = :ip"
                        + " ORDER BY expires_at DESC, token_hash")
                .bind("ip", sourceIp).mapTo(String.class).list();
        for (String old : newestFirst.subList(Math.min(newestFirst.size(), MAX_PER_ADDRESS - 1), newestFirst.size())) {
            h.createUpdate("DELETE FROM pending_states WHERE token_hash = :h").bind("h", old).execute();
        }
    }

    Optional<State> peek(String purpose, String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        String hash = Tokens.sha256(purpose + ":" + token);
        return db.jdbi().withHandle(h -> h.createQuery("SELECT purpose, user_id, payload FROM pending_states"
                        + " WHERE token_hash = :h AND expires_at > :now")
                .bind("h", hash).bind("now", Times.bind(clock.instant()))
                .map((rs, ctx) -> {
                    long u = rs.getLong("user_id");
                    Long userId = rs.wasNull() ? null : u; // before reading another column
                    return new State(rs.getString("purpose"), userId, rs.getString("payload"));
                }).findOne());
    }

    /** Reads and deletes a state: whoever deletes it first has it, so it serves one request only. */
    Optional<State> take(String purpose, String token) {
        Optional<State> state = peek(purpose, token);
        if (state.isEmpty()) {
            return state;
        }
        String hash = Tokens.sha256(purpose + ":" + token);
        int deleted = db.jdbi().withHandle(h -> h.createUpdate("DELETE FROM pending_states WHERE token_hash = :h")
                .bind("h", hash).execute());
        return deleted == 1 ? state : Optional.empty();
    }

    void remove(String purpose, String token) {
        if (token != null && !token.isEmpty() && token.length() <= 100) {
            String hash = Tokens.sha256(purpose + ":" + token);
            db.jdbi().useHandle(h -> h.createUpdate("DELETE FROM pending_states WHERE token_hash = :h")
                    .bind("h", hash).execute());
        }
    }
}
