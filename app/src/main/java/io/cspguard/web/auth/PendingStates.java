package io.cspguard.web.auth;

import io.cspguard.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Short-lived server-side states between two requests of a sign-in (password accepted and second factor due, an
 * OIDC authorization in flight, a WebAuthn challenge, an enrolment in progress). The client holds a random token;
 * {@link #take} uses a state up (once), {@link #peek} reads it and leaves it.
 */
final class PendingStates {
    static final String SECOND_FACTOR = "second-factor";
    static final String OIDC = "oidc";
    static final String PASSKEY_ASSERTION = "passkey-get";
    static final String ENROLMENT = "enrolment";

    record State(String purpose, Long userId, String payload) {
    }

    private final Database db;
    private final Clock clock;

    PendingStates(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Stores a state under a new random token and returns the token. */
    String put(String purpose, Long userId, String payload, Duration lifetime) {
        String token = Tokens.random();
        put(token, purpose, userId, payload, lifetime);
        return token;
    }

    /** Stores (or replaces) a state under a token the caller already has. */
    void put(String token, String purpose, Long userId, String payload, Duration lifetime) {
        String hash = Tokens.sha256(purpose + ":" + token);
        db.jdbi().useTransaction(h -> {
            h.createUpdate("DELETE FROM pending_states WHERE token_hash = :h").bind("h", hash).execute();
            h.createUpdate("INSERT INTO pending_states (token_hash, purpose, user_id, payload, expires_at)"
                            + " VALUES (:h, :p, :u, :d, :e)")
                    .bind("h", hash).bind("p", purpose).bind("u", userId).bind("d", payload)
                    .bind("e", Times.bind(clock.instant().plus(lifetime))).execute();
        });
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
