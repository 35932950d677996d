package io.cspguard.testing;

import io.cspguard.audit.Audit;
import io.cspguard.audit.AuditEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit trail of a test: every event in order, in memory. With {@link #failing} set, every append throws, as the
 * real trail does when its database refuses the write.
 */
public final class MemoryAudit implements Audit {
    private final List<AuditEvent> events = new ArrayList<>();
    /** When true, {@link #record} throws and keeps nothing. */
    public volatile boolean failing;

    @Override
    public synchronized void record(AuditEvent event) {
        if (failing) {
            throw new IllegalStateException("the audit trail cannot be written (test)");
        }
        events.add(event);
    }

    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }

    public synchronized List<AuditEvent> withAction(String action) {
        return events.stream().filter(e -> e.action().equals(action)).toList();
    }

    public synchronized AuditEvent last(String action) {
        List<AuditEvent> found = withAction(action);
        if (found.isEmpty()) {
            throw new AssertionError("no " + action + " in the audit trail: " + events);
        }
        return found.get(found.size() - 1);
    }
}
