package io.cspguard.web.pages;

import io.cspguard.audit.Audit;
import io.cspguard.exceptions.ExceptionStore;
import io.cspguard.store.Database;

import java.time.Clock;

/** What the dashboard's pages need: the store, the audit trail, the clock, the exceptions workflow and a way to start runs. */
public record DashboardServices(Database db, Audit audit, Clock clock, ExceptionStore exceptions, RunLauncher launcher) {
}
