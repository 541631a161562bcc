package io.ringfence;

import io.ringfence.api.CardRef;
import io.ringfence.api.EngineCounter;
import io.ringfence.api.FraudReport;
import io.ringfence.api.FraudReportKind;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.ThreadingMode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.ringfence.TestRequests.SECOND;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots are written from a replica that follows the journal, while the engine goes on deciding: snapshots
 * taken under load are exact (a restart from each one recovers the very state), the replica's thread writes them,
 * and the newest three are kept.
 */
@Timeout(120)
class SnapshotWriterIT {
    private static final List<String> CARDS = TestCards.pans("455612", 200);

    @ParameterizedTest
    @EnumSource(ThreadingMode.class)
    void snapshotsTakenUnderLoadRecoverTheExactState(final ThreadingMode mode, @TempDir final Path dir)
        throws InterruptedException, IOException {
        final EngineConfig config = smallEngine().threadingMode(mode)
            .journal(JournalConfig.in(dir).withSnapshotInterval(Duration.ZERO)).build();
        final long digest;
        try (Engine engine = Engine.start(config)) {
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final Thread load = new Thread(() -> {
                for (int i = 0; i < 3_000; i++) {
                    assertFalse(engine.authorize(cardPresent(CARDS.get(i % CARDS.size()), T0 + i * SECOND).build())
                        .standIn());
                    if (i % 500 == 0) {
                        engine.reportFraud(FraudReport.of(CardRef.pan(CARDS.get(i % CARDS.size())),
                            FraudReportKind.ISSUER_REPORT, T0 + i * SECOND));
                    }
                }
            }, "snapshot-it-load");
            load.setUncaughtExceptionHandler((t, e) -> failure.set(e));
            load.start();
            final List<Path> taken = new ArrayList<>();
            while (load.isAlive()) {
                taken.add(engine.snapshot());
            }
            load.join();
            assertNull(failure.get());
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("ringfence-snapshots")), "written on the snapshot writer's thread");
            final Path last = engine.snapshot();
            assertTrue(Files.exists(last));
            taken.add(last);
            digest = engine.stateDigest();
            try (var kept = Files.list(config.journal().snapshotDirectory())) {
                assertTrue(kept.filter(f -> f.toString().endsWith(".snap")).count() <= 3, "the newest three kept");
            }
        }
        try (Engine restarted = Engine.start(config)) {
            assertEquals(digest, restarted.stateDigest(), "snapshot plus journal gives the state before the restart");
            assertEquals(0, restarted.stats().counter(EngineCounter.EVENTS_RECOVERED),
                "the last snapshot covered every event: nothing left to replay");
        }
    }
}
