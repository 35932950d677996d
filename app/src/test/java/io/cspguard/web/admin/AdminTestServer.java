package io.cspguard.web.admin;

import io.cspguard.store.TestDatabases;
import io.cspguard.web.auth.TestServer;
import java.nio.file.Path;

/** The security tests' server with the admin pages registered. */
final class AdminTestServer {
    private AdminTestServer() {
    }

    static TestServer start(TestDatabases.Kind kind, Path dir) {
        return TestServer.withPages(kind, dir, (server, routes) -> AdminRoutes.register(routes, server.security,
                new SettingsStore(server.db, server.audit, server.clock), server.audit, server.clock));
    }
}
