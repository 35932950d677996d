package io.cspguard.cli;

import io.cspguard.audit.AuditTrail;
import io.cspguard.store.Database;
import io.cspguard.web.auth.UserAccounts;

import java.io.IOException;
import java.time.Clock;

/** The store and its accounts for one {@code cspguard users} command; changes are audited as {@code cli:<OS user>}. */
final class UsersStore implements AutoCloseable {
    final Database db;
    final UserAccounts users;
    final String actor;

    private UsersStore(Database db, UserAccounts users) {
        this.db = db;
        this.users = users;
        this.actor = "cli:" + System.getProperty("user.name", "unknown");
    }

    static UsersStore open(StoreOptions store) throws IOException {
        Database db = store.open();
        Clock clock = Clock.systemUTC();
        return new UsersStore(db, new UserAccounts(db, new AuditTrail(db, clock), clock, store.dataDir()));
    }

    @Override
    public void close() {
        db.close();
    }
}
