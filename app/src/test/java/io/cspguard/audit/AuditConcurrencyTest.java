package io.cspguard.audit;

import io.cspguard.store.Database;
import io.cspguard.store.DatabaseLocation;
import io.cspguard.store.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several trails, each on its own connection pool (as several {@code cspguard serve} processes on one database), each
 * appended to by several threads at once: the head row's lock must yield one gap-free, valid chain.
 */
class AuditConcurrencyTest {
    private static final int TRAILS = 3;
    private static final int THREADS_PER_TRAIL = 3;
    private static final int APPENDS_PER_THREAD = 20;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void concurrentAppendsMakeOneGapFreeChain(TestDatabases.Kind kind) throws Exception {
        DatabaseLocation location = TestDatabases.location(kind, dir);
        List<Database> pools = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(TRAILS * THREADS_PER_TRAIL);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < TRAILS; t++) {
                Database db = Database.open(location);
                pools.add(db);
                AuditTrail trail = new AuditTrail(db, Clock.systemUTC());
                for (int th = 0; th < THREADS_PER_TRAIL; th++) {
                    String actor = "process" + t + "-thread" + th;
                    work.add(threads.submit(() -> {
                        for (int i = 0; i < APPENDS_PER_THREAD; i++) {
                            trail.record(AuditEvent.success(actor, null, null, "tenant.viewed", "n" + i));
                        }
                    }));
                }
            }
            for (Future<?> f : work) {
                f.get();
            }
            VerifyReport report = new AuditTrail(pools.get(0), Clock.systemUTC()).verify();
            long total = (long) TRAILS * THREADS_PER_TRAIL * APPENDS_PER_THREAD;
            assertThat(report.problems()).isEmpty();
            assertThat(report).extracting(VerifyReport::entries, VerifyReport::firstSeq, VerifyReport::lastSeq)
                    .containsExactly(total, 1L, total);
            assertThat(report.head().seq()).isEqualTo(total);
        } finally {
            threads.shutdownNow();
            pools.forEach(Database::close);
        }
    }
}
