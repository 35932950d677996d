package io.cspguard.web.auth;

import io.cspguard.store.Database;
import io.cspguard.web.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Signed-in sessions, in the store so that several servers share them and a restart signs nobody out. The cookie holds
 * a random token; the store holds its SHA-256 and the session's CSRF token. A session ends after {@code idle} without
 * a request, {@code max} after sign-in, at sign-out, or when its account is disabled.
 */
final class Sessions {
    /** last_seen_at is written at most this often: a page's burst of requests costs one write. */
    private static final Duration TOUCH_GRANULARITY = Duration.ofSeconds(30);

    record Opened(String token, String csrf) {
    }

    record Live(String tokenHash, Principal principal, String csrf) {
    }

    private final Database db;
    private final Clock clock;
    private final Duration idle;
    private final Duration max;

    Sessions(Database db, Clock clock, Duration idle, Duration max) {
        this.db = db;
        this.clock = clock;
        this.idle = idle;
        this.max = max;
    }

    Opened open(long userId, String method) {
        String token = Tokens.random();
        String csrf = Tokens.random();
        Instant now = clock.instant();
        db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO sessions (token_hash, user_id, method, csrf_token,"
                        + " created_at, last_seen_at) VALUES (:h, :u, :m, :c, :now, :now)")
                .bind("h", Tokens.sha256(token)).bind("u", userId).bind("m", method).bind("c", csrf)
                .bind("now", Times.bind(now)).execute());
        return new Opened(token, csrf);
    }

    /** The live session of a cookie value, its idle clock restarted; an expired one is deleted. */
    Optional<Live> resolve(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        String hash = Tokens.sha256(token);
        Instant now = clock.instant();
        return db.jdbi().withHandle(h -> {
            Optional<Row> row = h.createQuery("SELECT s.user_id, s.method, s.csrf_token, s.created_at, s.last_seen_at,"
                            + " u.name, u.role, u.enabled FROM sessions s JOIN users u ON u.id = s.user_id"
                            + " WHERE s.token_hash = :h")
                    .bind("h", hash)
                    .map((rs, ctx) -> new Row(rs.getLong("user_id"), rs.getString("method"), rs.getString("csrf_token"),
                            Times.read(rs, "created_at"), Times.read(rs, "last_seen_at"), rs.getString("name"),
                            io.cspguard.web.Role.parse(rs.getString("role")), rs.getBoolean("enabled")))
                    .findOne();
            if (row.isEmpty()) {
                return Optional.empty();
            }
            Row r = row.get();
            boolean expired = !r.enabled || !now.isBefore(r.lastSeen.plus(idle)) || !now.isBefore(r.created.plus(max));
            if (expired) {
                h.createUpdate("DELETE FROM sessions WHERE token_hash = :h").bind("h", hash).execute();
                return Optional.empty();
            }
            if (Duration.between(r.lastSeen, now).compareTo(TOUCH_GRANULARITY) >= 0) {
                h.createUpdate("UPDATE sessions SET last_seen_at = :now WHERE token_hash = :h")
                        .bind("now", Times.bind(now)).bind("h", hash).execute();
            }
            return Optional.of(new Live(hash, new Principal(r.userId, r.name, r.role, r.method), r.csrf));
        });
    }

    void close(String tokenHash) {
        db.jdbi().useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE token_hash = :h").bind("h", tokenHash)
                .execute());
    }

    /** Deletes sessions and sign-in states that can no longer be used (called now and then). */
    void purgeExpired() {
        Instant now = clock.instant();
        db.jdbi().useHandle(h -> {
            h.createUpdate("DELETE FROM sessions WHERE last_seen_at < :idle OR created_at < :max")
                    .bind("idle", Times.bind(now.minus(idle))).bind("max", Times.bind(now.minus(max))).execute();
            h.createUpdate("DELETE FROM pending_states WHERE expires_at < :now").bind("now", Times.bind(now)).execute();
        });
    }

    private record Row(long userId, String method, String csrf, Instant created, Instant lastSeen, String name,
                       io.cspguard.web.Role role, boolean enabled) {
    }
}
