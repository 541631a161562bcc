package io.ringfence;

import io.ringfence.api.Decision;
import io.ringfence.api.Durability;
import io.ringfence.api.EngineCounter;
import io.ringfence.api.JournalConfig;
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
import java.util.concurrent.TimeUnit;

import static io.ringfence.TestRequests.SECOND;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Under POWER_LOSS every decision is released only after a sync covers its input: one sync per batch (group commit),
 * so sequential callers pay one each and a burst shares them. PROCESS_CRASH never syncs.
 */
@Timeout(120)
class GroupCommitIT {
    private static final List<String> CARDS = TestCards.pans("455605", 50);

    @Test
    void everySequentialAuthorizationIsSyncedBeforeItsAnswer(@TempDir final Path dir) {
        try (Engine engine = Engine.start(journaled(dir, Durability.POWER_LOSS))) {
            for (int i = 0; i < 2_000; i++) {
                assertFalse(engine.authorize(cardPresent(CARDS.get(i % CARDS.size()), T0 + i * SECOND).build())
                    .standIn());
            }
            assertEquals(2_000, engine.stats().counter(EngineCounter.JOURNAL_SYNCS), "one sync per batch of one");
        }
    }

    @Test
    void aBurstSharesItsSyncs(@TempDir final Path dir) {
        try (Engine engine = Engine.start(journaled(dir, Durability.POWER_LOSS))) {
            final List<CompletableFuture<Decision>> burst = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                burst.add(engine.authorizeAsync(cardPresent(CARDS.get(i % CARDS.size()), T0 + i * SECOND).build(),
                    Duration.ofSeconds(30)));
            }
            burst.forEach(CompletableFuture::join);
            final long syncs = engine.stats().counter(EngineCounter.JOURNAL_SYNCS);
            assertTrue(syncs >= 1 && syncs <= 2_000, "syncs " + syncs);
        }
    }

    @ParameterizedTest
    @EnumSource(ThreadingMode.class)
    void aBacklogIsSyncedInBatchesOfAtMostMaxBatch(final ThreadingMode mode, @TempDir final Path dir)
        throws InterruptedException {
        final StandInIT.GatedScorer scorer = new StandInIT.GatedScorer();
        final int backlog = 800;
        final int maxBatch = 8;
        try (Engine engine = Engine.start(smallEngine().threadingMode(mode).ringSize(1_024).scorer(() -> scorer)
            .journal(JournalConfig.in(dir).withDurability(Durability.POWER_LOSS).withSnapshotInterval(Duration.ZERO)
                .withMaxBatch(maxBatch)).build())) {
            final List<CompletableFuture<Decision>> answers = new ArrayList<>();
            answers.add(engine.authorizeAsync(cardPresent(CARDS.get(0), T0).build(), Duration.ofSeconds(30)));
            assertTrue(scorer.entered.await(30, TimeUnit.SECONDS));
            for (int i = 1; i <= backlog; i++) {
                answers.add(engine.authorizeAsync(cardPresent(CARDS.get(i % CARDS.size()), T0 + i * SECOND).build(),
                    Duration.ofSeconds(30)));
            }
            scorer.gate.countDown();
            answers.forEach(answer -> assertFalse(answer.join().standIn()));
            final long syncs = engine.stats().counter(EngineCounter.JOURNAL_SYNCS);
            assertTrue(syncs >= backlog / maxBatch, "a backlog of " + backlog + " in batches of at most " + maxBatch
                + " needs " + backlog / maxBatch + " syncs or more, took " + syncs);
        }
    }

    @Test
    void processCrashDurabilityNeverSyncs(@TempDir final Path dir) {
        try (Engine engine = Engine.start(journaled(dir, Durability.PROCESS_CRASH))) {
            for (int i = 0; i < 100; i++) {
                engine.authorize(cardPresent(CARDS.get(i % CARDS.size()), T0 + i * SECOND).build());
            }
            assertEquals(0, engine.stats().counter(EngineCounter.JOURNAL_SYNCS));
        }
    }

    private static EngineConfig journaled(final Path dir, final Durability durability) {
        return smallEngine().journal(JournalConfig.in(dir).withDurability(durability)
            .withSnapshotInterval(Duration.ZERO)).build();
    }
}
