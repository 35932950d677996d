package io.cspguard.web.pages;

import io.cspguard.audit.Audit;
import io.cspguard.audit.AuditEvent;

import java.util.ArrayList;
import java.util.List;

/** Keeps what the pages append to the audit trail, for the tests to read. */
public final class RecordingAudit implements Audit {
    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized void record(AuditEvent event) {
        events.add(event);
    }

    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }

    public synchronized List<AuditEvent> withAction(String action) {
        return events.stream().filter(e -> e.action().equals(action)).toList();
    }
}
