package io.ringfence;

import io.ringfence.api.CardRef;
import io.ringfence.api.Decision;
import io.ringfence.api.Durability;
import io.ringfence.api.EngineCounter;
import io.ringfence.api.FraudReport;
import io.ringfence.api.FraudReportKind;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ThreadingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.ringfence.TestRequests.SECOND;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardNotPresent;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same engine whichever way its stages map to threads: one thread for all of them, or one each. Decisions,
 * flags, durability (a POWER_LOSS batch released after its sync), restart and replay agree.
 */
@Timeout(120)
class ThreadingModesIT {
    private static final List<String> CARDS = TestCards.pans("455608", 60);

    @ParameterizedTest
    @EnumSource(ThreadingMode.class)
    void eitherModeDecidesJournalsAndRecoversTheSame(final ThreadingMode mode, @TempDir final Path dir)
        throws Exception {
        final JournalConfig journal = JournalConfig.in(dir).withDurability(Durability.POWER_LOSS)
            .withSnapshotInterval(Duration.ZERO);
        final EngineConfig config = smallEngine().threadingMode(mode).journal(journal).build();
        final long digest;
        try (Engine engine = Engine.start(config)) {
            final List<CompletableFuture<Decision>> burst = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                final String pan = CARDS.get(i % CARDS.size());
                burst.add(engine.authorizeAsync((i % 2 == 0 ? cardPresent(pan, T0 + i * SECOND)
                    : cardNotPresent(pan, T0 + i * SECOND)).requestId("r-" + i).build(), Duration.ofSeconds(10)));
            }
            for (final CompletableFuture<Decision> d : burst) {
                assertFalse(d.get().standIn());
            }
            assertTrue(engine.reportFraud(FraudReport.of(CardRef.pan(CARDS.get(3)), FraudReportKind.ISSUER_REPORT,
                T0 + 2_000 * SECOND)).isApplied());
            assertEquals(ReasonCode.CARD_FLAGGED_ONLINE, engine.authorize(cardPresent(CARDS.get(3),
                T0 + 2_001 * SECOND).build()).primaryReason());
            assertTrue(engine.stats().counter(EngineCounter.JOURNAL_SYNCS) >= 1);
            digest = engine.stateDigest();
        }
        try (Engine restarted = Engine.start(config)) {
            assertEquals(digest, restarted.stateDigest());
        }
        final JournalReplay.Result replay = JournalReplay.run(OfflineEngine.create(config), journal.inputDirectory(),
            journal.decisionDirectory());
        assertEquals(digest, replay.stateDigest());
        assertEquals(0, replay.differences(), () -> String.join("\n", replay.described()));
    }

    @Test
    void sharedRunsEveryStageOnOneEngineThread() {
        try (Engine engine = Engine.start(smallEngine().threadingMode(ThreadingMode.SHARED).build())) {
            engine.authorize(cardPresent(TestCards.VISA, T0).build());
            assertEquals(1, Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("ringfence-") && !t.getName().equals("ringfence-completions")
                    && !t.getName().equals("ringfence-snapshot-timer"))
                .count(), "one engine thread");
        }
    }

    @Test
    void theDefaultFollowsTheProcessors() {
        assertEquals(ThreadingMode.SHARED, ThreadingMode.forProcessors(2));
        assertEquals(ThreadingMode.SHARED, ThreadingMode.forProcessors(4));
        assertEquals(ThreadingMode.DEDICATED, ThreadingMode.forProcessors(16));
    }
}
