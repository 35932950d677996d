package io.cspguard.web.auth;

import io.cspguard.audit.Audit;
import io.cspguard.audit.AuditEvent;
import io.cspguard.store.Database;
import io.cspguard.web.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * The dashboard's accounts: local ones (password + passkey or TOTP) and OIDC ones (Entra users allowed in), their
 * roles, enrolment links and lockout. Every change is audited, and its entry is appended inside the change's
 * transaction, before the commit: a change whose entry cannot be written is rolled back.
 */
public final class UserAccounts {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UserAccounts.class);
    static final Duration ENROLMENT_LIFETIME = Duration.ofHours(24);
    static final int LOCKOUT_THRESHOLD = 5;
    static final Duration LOCKOUT = Duration.ofMinutes(15);
    private static final String TOTP_PURPOSE = "totp-secret";
    private static final String COLUMNS = "id, name, role, kind, password_hash, totp_secret, totp_last_step, "
            + "user_handle, enabled, failed_count, locked_until, last_signin_at, created_by, created_at, oidc_subject";

    private final Database db;
    private final Audit audit;
    private final Clock clock;
    private final SecretBox secrets;

    /** With the secret key from {@code CSPGUARD_SECRET_KEY} or {@code dataDir/secret.key}. */
    public UserAccounts(Database db, Audit audit, Clock clock, Path dataDir) {
        this(db, audit, clock, new SecretBox(dataDir, System::getenv));
    }

    UserAccounts(Database db, Audit audit, Clock clock, Path dataDir, Function<String, String> env) {
        this(db, audit, clock, new SecretBox(dataDir, env));
    }

    private UserAccounts(Database db, Audit audit, Clock clock, SecretBox secrets) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.secrets = secrets;
    }

    /** A local account without credentials yet, and its one-time enrolment link (valid 24 hours). */
    public Enrolment create(String name, Role role, String createdBy) {
        return create(name, role, createdBy, null);
    }

    /** As {@link #create(String, Role, String)}, recording the admin's address. */
    public Enrolment create(String name, Role role, String createdBy, String sourceIp) {
        String token = Tokens.random();
        Instant expires = clock.instant().plus(ENROLMENT_LIFETIME);
        String clean = db.jdbi().inTransaction(h -> {
            long id = insert(h, name, role, UserRecord.LOCAL, null, null, Tokens.random(), createdBy);
            h.createUpdate("INSERT INTO enrolments (token_hash, user_id, expires_at) VALUES (:h, :u, :e)")
                    .bind("h", Tokens.sha256(token)).bind("u", id).bind("e", Times.bind(expires)).execute();
            String added = byId(h, id).orElseThrow().name();
            audit.record(new AuditEvent(createdBy, sourceIp, null, "user.added", added, "success",
                    "role " + role.label() + ", local account, enrolment link issued"));
            return added;
        });
        return new Enrolment(clean, token, expires);
    }

    /** A local account ready to sign in with {@code password} and the returned authenticator secret. */
    public TotpAccount createWithTotp(String name, Role role, String password, String createdBy) {
        requirePassword(password);
        String secret = TotpCodes.newSecret();
        // the row does not exist yet: its handle is chosen here so the secret can be sealed for it
        String userHandle = Tokens.random();
        byte[] sealed = secrets.seal(TOTP_PURPOSE, userHandle, secret);
        String hash = PasswordHasher.hash(password);
        String clean = db.jdbi().inTransaction(h -> {
            long id = insert(h, name, role, UserRecord.LOCAL, hash, sealed, userHandle, createdBy);
            String added = byId(h, id).orElseThrow().name();
            audit.record(new AuditEvent(createdBy, null, null, "user.added", added, "success",
                    "role " + role.label() + ", local account with TOTP"));
            return added;
        });
        return new TotpAccount(clean, TotpCodes.otpauthUri(clean, secret), secret);
    }

    /**
     * A local account with a fresh password and TOTP secret, whether or not it exists: the demo's accounts on a store
     * kept from an earlier demo, or an account whose authenticator was lost. An existing account takes the role, is
     * re-enabled and unlocked, and loses everything that could still open it: its sessions, passkeys, open
     * enrolment links, sign-ins in progress and OIDC binding. Audited as {@code user.added} or {@code user.reset}.
     */
    public TotpAccount createOrResetWithTotp(String name, Role role, String password, String actor) {
        requirePassword(password);
        String secret = TotpCodes.newSecret();
        String hash = PasswordHasher.hash(password);
        String clean = db.jdbi().inTransaction(h -> {
            Optional<UserRecord> existing = byName(h, name);
            String detail = "role " + role.label() + ", local account with TOTP";
            // sealed for the account it goes to: the existing one's handle, or a new account's fresh one
            String userHandle = existing.map(UserRecord::userHandle).orElseGet(Tokens::random);
            byte[] sealed = secrets.seal(TOTP_PURPOSE, userHandle, secret);
            if (existing.isEmpty()) {
                long id = insert(h, name, role, UserRecord.LOCAL, hash, sealed, userHandle, actor);
                String added = byId(h, id).orElseThrow().name();
                audit.record(new AuditEvent(actor, null, null, "user.added", added, "success", detail));
                return added;
            }
            UserRecord u = existing.get();
            h.createUpdate("UPDATE users SET role = :r, kind = :kind, password_hash = :p, totp_secret = :t,"
                            + " totp_last_step = NULL, enabled = TRUE, failed_count = 0, locked_until = NULL,"
                            + " oidc_subject = NULL WHERE id = :id")
                    .bind("r", role.label()).bind("kind", UserRecord.LOCAL).bind("p", hash).bind("t", sealed)
                    .bind("id", u.id()).execute();
            // a reset after a lost authenticator revokes every way in the old factors had opened
            int passkeys = revokeAccess(h, u.id());
            audit.record(new AuditEvent(actor, null, null, "user.reset", u.name(), "success",
                    detail + "; sessions, " + passkeys + " passkey(s), open enrolment links and sign-ins in progress"
                            + " revoked"));
            return u.name();
        });
        return new TotpAccount(clean, TotpCodes.otpauthUri(clean, secret), secret);
    }

    /**
     * An Entra user allowed to sign in by OIDC, matched on {@code preferred_username} (else {@code upn}, any case)
     * and, from its first sign-in on, on the token's subject as well. Adding the name of a <em>disabled</em> OIDC
     * account again re-enables it with {@code role} and forgets its subject: the way to let a recreated Entra user
     * (same name, new identity) in.
     */
    public void createOidc(String name, Role role, String createdBy) {
        createOidc(name, role, createdBy, null);
    }

    /** As {@link #createOidc(String, Role, String)}, recording the admin's address. */
    public void createOidc(String name, Role role, String createdBy, String sourceIp) {
        db.jdbi().useTransaction(h -> {
            Optional<UserRecord> disabled = byName(h, name)
                    .filter(u -> UserRecord.OIDC.equals(u.kind()) && !u.enabled());
            if (disabled.isPresent()) {
                UserRecord u = disabled.get();
                h.createUpdate("UPDATE users SET role = :r, enabled = TRUE, oidc_subject = NULL, failed_count = 0,"
                                + " locked_until = NULL WHERE id = :id")
                        .bind("r", role.label()).bind("id", u.id()).execute();
                String forgotten = u.oidcSubject() == null ? "" : "; its binding to " + u.oidcSubject() + " is forgotten";
                audit.record(new AuditEvent(createdBy, sourceIp, null, "user.added", u.name(), "success",
                        "role " + role.label() + ", OIDC account re-added (it was disabled" + forgotten + ")"));
                return;
            }
            long id = insert(h, name, role, UserRecord.OIDC, null, null, Tokens.random(), createdBy);
            audit.record(new AuditEvent(createdBy, sourceIp, null, "user.added", byId(h, id).orElseThrow().name(),
                    "success", "role " + role.label() + ", OIDC account"));
        });
    }

    /** Every account, by name. */
    public List<UserSummary> list() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + ", (SELECT COUNT(*) FROM passkeys p WHERE p.user_id = users.id) AS passkey_count"
                        + " FROM users ORDER BY name_key")
                .map((rs, ctx) -> {
                    UserRecord u = UserRecord.map(rs);
                    return summary(u, rs.getInt("passkey_count"));
                }).list());
    }

    public Optional<UserSummary> find(String name) {
        return list().stream().filter(u -> u.name().equalsIgnoreCase(name == null ? "" : name.strip())).findFirst();
    }

    /**
     * Changes a role. Refused when it would leave no enabled admin.
     *
     * @throws IllegalArgumentException no such user, or the last admin
     */
    public void changeRole(String name, Role role, String actor, String sourceIp) {
        db.jdbi().useTransaction(h -> {
            List<Long> admins = lockEnabledAdmins(h);
            UserRecord user = byName(h, name).orElseThrow(() -> noSuchUser(name));
            if (admins.contains(user.id()) && role != Role.ADMIN && admins.size() < 2) {
                throw lastAdmin(user.name());
            }
            h.createUpdate("UPDATE users SET role = :r WHERE id = :id").bind("r", role.label()).bind("id", user.id())
                    .execute();
            audit.record(new AuditEvent(actor, sourceIp, null, "user.role_changed", user.name(), "success",
                    user.role().label() + " -> " + role.label()));
        });
    }

    /**
     * Disables an account and ends its sessions. Refused for the last enabled admin.
     *
     * @throws IllegalArgumentException no such user, or the last admin
     */
    public void disable(String name, String actor, String sourceIp) {
        db.jdbi().useTransaction(h -> {
            List<Long> admins = lockEnabledAdmins(h);
            UserRecord user = byName(h, name).orElseThrow(() -> noSuchUser(name));
            if (admins.contains(user.id()) && admins.size() < 2) {
                throw lastAdmin(user.name());
            }
            h.createUpdate("UPDATE users SET enabled = FALSE WHERE id = :id").bind("id", user.id()).execute();
            h.createUpdate("DELETE FROM sessions WHERE user_id = :id").bind("id", user.id()).execute();
            h.createUpdate("DELETE FROM pending_states WHERE user_id = :id").bind("id", user.id()).execute();
            audit.record(new AuditEvent(actor, sourceIp, null, "user.disabled", user.name(), "success", null));
        });
    }

    // ---- for the sign-in code of this package ----

    Optional<UserRecord> byName(String name) {
        return db.jdbi().withHandle(h -> byName(h, name));
    }

    Optional<UserRecord> byId(long id) {
        return db.jdbi().withHandle(h -> byId(h, id));
    }

    Optional<UserRecord> byHandle(String handle) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM users WHERE user_handle = :h")
                .bind("h", handle).map((rs, ctx) -> UserRecord.map(rs)).findOne());
    }

    /**
     * Counts a failed sign-in on {@code user}; at {@value #LOCKOUT_THRESHOLD} in a row the account is locked for
     * {@link #LOCKOUT} (audited {@code signin.locked}).
     */
    void registerFailure(UserRecord user, String sourceIp) {
        Instant now = clock.instant();
        boolean locked = db.jdbi().inTransaction(h -> {
            int count = h.createQuery("SELECT failed_count FROM users WHERE id = :id FOR UPDATE").bind("id", user.id())
                    .mapTo(Integer.class).one() + 1;
            if (count >= LOCKOUT_THRESHOLD) {
                h.createUpdate("UPDATE users SET failed_count = 0, locked_until = :until WHERE id = :id")
                        .bind("until", Times.bind(now.plus(LOCKOUT))).bind("id", user.id()).execute();
                return true;
            }
            h.createUpdate("UPDATE users SET failed_count = :c WHERE id = :id").bind("c", count).bind("id", user.id())
                    .execute();
            return false;
        });
        if (locked) {
            audit.record(new AuditEvent(user.name(), sourceIp, null, "signin.locked", user.name(), "denied",
                    LOCKOUT_THRESHOLD + " failed sign-ins in a row: locked for " + LOCKOUT.toMinutes() + " minutes"));
        }
    }

    void registerSuccess(long userId) {
        db.jdbi().useHandle(h -> h.createUpdate(
                        "UPDATE users SET failed_count = 0, locked_until = NULL, last_signin_at = :now WHERE id = :id")
                .bind("now", Times.bind(clock.instant())).bind("id", userId).execute());
    }

    /** How an OIDC account's bound subject compares with a token's. */
    enum SubjectCheck { BOUND_NOW, MATCHES, DIFFERS }

    /**
     * Binds an OIDC account to {@code subject} ({@code <iss>|<oid or sub>}) when it has none yet (its first sign-in),
     * otherwise compares: a name that now belongs to another identity (a renamed or recreated Entra user, a reused
     * UPN) must not inherit the account.
     */
    SubjectCheck bindOidcSubject(UserRecord user, String subject) {
        return db.jdbi().inTransaction(h -> {
            // conditional: two first sign-ins racing cannot both bind
            int bound = h.createUpdate("UPDATE users SET oidc_subject = :s WHERE id = :id AND oidc_subject IS NULL")
                    .bind("s", subject).bind("id", user.id()).execute();
            if (bound == 1) {
                return SubjectCheck.BOUND_NOW;
            }
            String stored = h.createQuery("SELECT oidc_subject FROM users WHERE id = :id").bind("id", user.id())
                    .mapTo(String.class).one();
            return subject.equals(stored) ? SubjectCheck.MATCHES : SubjectCheck.DIFFERS;
        });
    }

    /** The outcome of a TOTP code. UNREADABLE: the stored secret does not open for this account (see SecretBox). */
    enum TotpCheck { ACCEPTED, WRONG, REUSED, UNREADABLE }

    /** Checks {@code code} against the user's secret; remembers its step when accepted, so it is good once. */
    TotpCheck checkTotp(UserRecord user, String code) {
        if (!user.hasTotp()) {
            return TotpCheck.WRONG;
        }
        String secret;
        try {
            secret = secrets.open(TOTP_PURPOSE, user.userHandle(), user.sealedTotpSecret());
        } catch (IllegalStateException e) {
            // a secret sealed for another account (or with another key): no code can match, and the cause is for
            // the log and the audit trail, not a 500
            LOG.error("TOTP sign-in of '{}' refused: {}", user.name(), e.getMessage());
            return TotpCheck.UNREADABLE;
        }
        Instant now = clock.instant();
        OptionalLong step = TotpCodes.match(secret, code, now, user.totpLastStep());
        if (step.isEmpty()) {
            return TotpCodes.match(secret, code, now, null).isPresent() ? TotpCheck.REUSED : TotpCheck.WRONG;
        }
        // conditional on the step still being newer: two requests racing with one code cannot both pass
        int updated = db.jdbi().withHandle(h -> h.createUpdate("UPDATE users SET totp_last_step = :s WHERE id = :id"
                        + " AND (totp_last_step IS NULL OR totp_last_step < :s)")
                .bind("s", step.getAsLong()).bind("id", user.id()).execute());
        if (updated == 1 && !SecretBox.bound(user.sealedTotpSecret())) {
            bindToOwner(user, secret);
        }
        return updated == 1 ? TotpCheck.ACCEPTED : TotpCheck.REUSED;
    }

    /**
     * Seals again, for its account, a secret stored before sealed values were bound to one; only if the row still
     * holds the value read (a reset meanwhile wins).
     */
    private void bindToOwner(UserRecord user, String secret) {
        byte[] rebound = secrets.seal(TOTP_PURPOSE, user.userHandle(), secret);
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE users SET totp_secret = :t WHERE id = :id AND totp_secret = :old")
                .bind("t", rebound).bind("id", user.id()).bind("old", user.sealedTotpSecret()).execute());
    }

    /** A TOTP secret sealed for {@code user}'s row: it opens for no other account. */
    byte[] sealTotp(UserRecord user, String secret) {
        return secrets.seal(TOTP_PURPOSE, user.userHandle(), secret);
    }

    String openTotp(UserRecord user, byte[] sealed) {
        return secrets.open(TOTP_PURPOSE, user.userHandle(), sealed);
    }

    /** The account a live, unused enrolment token belongs to. */
    Optional<UserRecord> enrolling(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return db.jdbi().withHandle(h -> h.createQuery("SELECT e.user_id FROM enrolments e JOIN users u ON u.id = e.user_id"
                        + " WHERE e.token_hash = :h AND e.used_at IS NULL AND e.expires_at > :now AND u.enabled")
                .bind("h", Tokens.sha256(token)).bind("now", Times.bind(clock.instant())).mapTo(Long.class).findOne()
                .flatMap(id -> byId(h, id)));
    }

    /**
     * Uses the enrolment token (once) and sets the account's password and, when given, its TOTP secret; passkeys
     * are stored by {@code alsoDo} inside the same transaction, and {@code enrolled} is appended to the audit trail
     * before it commits.
     *
     * @return false when the token was used or expired meanwhile
     */
    boolean completeEnrolment(String token, String passwordHash, byte[] sealedTotp, java.util.function.Consumer<Handle> alsoDo,
                              AuditEvent enrolled) {
        Instant now = clock.instant();
        return db.jdbi().inTransaction(h -> {
            Optional<Long> userId = h.createQuery("SELECT user_id FROM enrolments WHERE token_hash = :h AND used_at IS NULL"
                            + " AND expires_at > :now FOR UPDATE")
                    .bind("h", Tokens.sha256(token)).bind("now", Times.bind(now)).mapTo(Long.class).findOne();
            if (userId.isEmpty()) {
                return false;
            }
            h.createUpdate("UPDATE enrolments SET used_at = :now WHERE token_hash = :h").bind("now", Times.bind(now))
                    .bind("h", Tokens.sha256(token)).execute();
            h.createUpdate("UPDATE users SET password_hash = :p, totp_secret = :t, totp_last_step = NULL,"
                            + " failed_count = 0, locked_until = NULL WHERE id = :id")
                    .bind("p", passwordHash).bind("t", sealedTotp).bind("id", userId.get()).execute();
            alsoDo.accept(h);
            audit.record(enrolled);
            return true;
        });
    }

    /** Accounts are ready when they can sign in: OIDC ones always, local ones once enrolled. */
    int passkeyCount(long userId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM passkeys WHERE user_id = :id")
                .bind("id", userId).mapTo(Integer.class).one());
    }

    static void requirePassword(String password) {
        if (password == null || password.codePointCount(0, password.length()) < PasswordHasher.MIN_LENGTH) {
            throw new IllegalArgumentException("the password must have at least " + PasswordHasher.MIN_LENGTH
                    + " characters");
        }
        if (password.length() > 1024) {
            throw new IllegalArgumentException("the password must have at most 1024 characters");
        }
    }

    /** @param userHandle the account's permanent random id (WebAuthn user handle; owner of its sealed secrets) */
    private long insert(Handle h, String name, Role role, String kind, String passwordHash, byte[] sealedTotp,
                        String userHandle, String createdBy) {
        String clean = validName(name);
        String key = clean.toLowerCase(Locale.ROOT);
        boolean exists = h.createQuery("SELECT COUNT(*) FROM users WHERE name_key = :k").bind("k", key)
                .mapTo(Integer.class).one() > 0;
        if (exists) {
            throw new IllegalArgumentException("a user named '" + clean + "' exists already");
        }
        return h.createUpdate("INSERT INTO users (name, name_key, role, kind, password_hash, totp_secret, user_handle,"
                        + " enabled, failed_count, created_by, created_at)"
                        + " VALUES (:n, :k, :r, :kind, :p, :t, :uh, TRUE, 0, :by, :at)")
                .bind("n", clean).bind("k", key).bind("r", role.label()).bind("kind", kind).bind("p", passwordHash)
                .bind("t", sealedTotp).bind("uh", userHandle).bind("by", createdBy)
                .bind("at", Times.bind(clock.instant()))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    static String validName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 200) {
            throw new IllegalArgumentException("a user name must have 1 to 200 characters");
        }
        if (n.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw new IllegalArgumentException("a user name must not contain control characters");
        }
        return n;
    }

    /**
     * The enabled admins' ids, their rows locked until the transaction ends: two admins demoting or disabling each
     * other at once are serialised here, and the second sees the first's change.
     */
    private static List<Long> lockEnabledAdmins(Handle h) {
        h.createQuery("SELECT id FROM users WHERE role = 'admin' AND enabled ORDER BY id FOR UPDATE")
                .mapTo(Long.class).list();
        // read again once the locks are held: a statement started after a lock wait sees what its holder committed
        return h.createQuery("SELECT id FROM users WHERE role = 'admin' AND enabled ORDER BY id")
                .mapTo(Long.class).list();
    }

    private static IllegalArgumentException lastAdmin(String name) {
        return new IllegalArgumentException("'" + name + "' is the last enabled admin: make someone else admin first");
    }

    /** Ends the account's sessions and deletes its passkeys, open enrolment links and sign-in states. */
    private static int revokeAccess(Handle h, long userId) {
        h.createUpdate("DELETE FROM sessions WHERE user_id = :id").bind("id", userId).execute();
        int passkeys = h.createUpdate("DELETE FROM passkeys WHERE user_id = :id").bind("id", userId).execute();
        h.createUpdate("DELETE FROM enrolments WHERE user_id = :id AND used_at IS NULL").bind("id", userId).execute();
        h.createUpdate("DELETE FROM pending_states WHERE user_id = :id").bind("id", userId).execute();
        return passkeys;
    }

    private static IllegalArgumentException noSuchUser(String name) {
        return new IllegalArgumentException("no user named '" + name + "'");
    }

    private static Optional<UserRecord> byName(Handle h, String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return h.createQuery("SELECT " + COLUMNS + " FROM users WHERE name_key = :k").bind("k", key)
                .map((rs, ctx) -> UserRecord.map(rs)).findOne();
    }

    private static Optional<UserRecord> byId(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> UserRecord.map(rs)).findOne();
    }

    private static UserSummary summary(UserRecord u, int passkeys) {
        String factor;
        if (UserRecord.OIDC.equals(u.kind())) {
            factor = "oidc";
        } else if (u.passwordHash() == null) {
            factor = "not enrolled";
        } else if (passkeys > 0 && u.hasTotp()) {
            factor = "passkey+totp";
        } else if (passkeys > 0) {
            factor = "passkey";
        } else if (u.hasTotp()) {
            factor = "totp";
        } else {
            factor = "not enrolled";
        }
        return new UserSummary(u.id(), u.name(), u.role(), u.kind(), factor, u.enabled(), u.lastSignInAt(),
                u.lockedUntil());
    }
}
