package io.ringfence;

import io.ringfence.api.Ack;
import io.ringfence.api.Action;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.Decision;
import io.ringfence.api.EngineCounter;
import io.ringfence.api.EngineStats;
import io.ringfence.api.JournalConfig;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.StoreCapacities;
import io.ringfence.decision.DecisionPolicy;
import io.ringfence.decision.RiskEngine;
import io.ringfence.event.EventType;
import io.ringfence.features.FeatureSchema;
import io.ringfence.journal.JournalReader;
import io.ringfence.metrics.EngineCounters;
import io.ringfence.scoring.BuiltInPolicyScorer;
import io.ringfence.scoring.DecisionThresholds;
import io.ringfence.scoring.LinearModelScorer;
import io.ringfence.scoring.Scorer;
import io.ringfence.scoring.ServingModels;
import io.ringfence.scoring.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.ringfence.TestRequests.MINUTE;
import static io.ringfence.TestRequests.SECOND;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardNotPresent;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Switching models is an event through the ring: refused on the caller's thread when the schema differs (the old
 * model stays), otherwise applied at one sequence that splits every decision into old-model and new-model ones,
 * journaled so that replay switches at the same place.
 */
@Timeout(120)
class ModelSwapIT {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Path write(final String name, final Scorer model) throws IOException {
        final Path directory = dir.resolve("models").resolve(name);
        ServingModels.write(directory.resolve(ServingModels.FILE_NAME), model);
        return directory;
    }

    @Test
    void aModelOfAnotherSchemaIsRefusedAndTheOldOneStays() throws IOException {
        final Path stale = write("stale", new LinearModelScorer("stale/1", "ringfence-features/v0#0",
            0.0, new double[FeatureSchema.SIZE], null, null));
        try (Engine engine = Engine.start(smallEngine().build())) {
            final Ack ack = engine.loadModel(stale);
            assertEquals(Ack.Status.REJECTED, ack.status());
            assertTrue(ack.detail().contains("ringfence-features/v0#0") && ack.detail().contains(FeatureSchema.ID),
                ack.detail());
            assertFalse(ack.detail().contains("\n"));
            assertEquals(BuiltInPolicyScorer.VERSION, engine.stats().scorerVersion());
            assertEquals(BuiltInPolicyScorer.VERSION,
                engine.authorize(cardPresent(TestCards.VISA, T0).build()).scorerVersion());

            final Ack missing = engine.loadModel(dir.resolve("nowhere"));
            assertEquals(Ack.Status.REJECTED, missing.status());
            assertEquals(BuiltInPolicyScorer.VERSION, engine.stats().scorerVersion());

            final Ack good = engine.loadModel(write("good", TestModels.linear("lin/1")));
            assertTrue(good.isApplied(), String.valueOf(good));
            assertEquals("lin/1", engine.stats().scorerVersion());
            final Decision d = engine.authorize(cardNotPresent(TestCards.VISA, T0 + MINUTE).amountMinor(50_000).build());
            assertEquals("lin/1", d.scorerVersion());
            assertTrue(d.sequence() > good.sequence());
        }
    }

    @Test
    void hotSwapUnderLoadLosesAndMisversionsNoDecision() throws Exception {
        final Path modelA = write("a", TestModels.linear("lin/A"));
        final Path modelB = write("b", TestModels.boosted("gb/B"));
        final int producers = 4;
        final List<String> cards = TestCards.pans("431940", 64);
        final ConcurrentLinkedQueue<Decision> decisions = new ConcurrentLinkedQueue<>();
        final AtomicLong sent = new AtomicLong();
        final AtomicBoolean stop = new AtomicBoolean();
        final CountDownLatch started = new CountDownLatch(producers);
        try (Engine engine = Engine.start(smallEngine().build())) {
            final List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                final int id = p;
                final Thread thread = new Thread(() -> {
                    started.countDown();
                    for (int i = 0; !stop.get(); i++) {
                        final String pan = cards.get((id * 16 + i) % cards.size());
                        final long time = T0 + i * SECOND;
                        final AuthorizationRequest request = i % 3 == 0
                            ? cardNotPresent(pan, time).amountMinor(1_000 + i % 90_000).requestId(id + "-" + i).build()
                            : cardPresent(pan, time).amountMinor(500 + i % 30_000).requestId(id + "-" + i).build();
                        sent.incrementAndGet();
                        decisions.add(engine.authorize(request, DEADLINE));
                    }
                }, "producer-" + p);
                thread.start();
                threads.add(thread);
            }
            started.await();
            waitForDecisions(decisions, 2_000);
            final Ack first = engine.loadModel(modelA);
            waitForDecisions(decisions, decisions.size() + 2_000);
            final Ack second = engine.loadModel(modelB);
            waitForDecisions(decisions, decisions.size() + 2_000);
            stop.set(true);
            for (final Thread thread : threads) {
                thread.join();
            }
            assertTrue(first.isApplied() && second.isApplied(), first + " " + second);
            assertTrue(first.sequence() < second.sequence());
            assertEquals("gb/B", engine.stats().scorerVersion());

            assertEquals(sent.get(), decisions.size(), "every request answered");
            final Map<String, Integer> perModel = new HashMap<>();
            for (final Decision d : decisions) {
                assertFalse(d.standIn(), "stand-in: " + d);
                assertNotEquals(first.sequence(), d.sequence());
                assertNotEquals(second.sequence(), d.sequence());
                final String expected = d.sequence() < first.sequence() ? BuiltInPolicyScorer.VERSION
                    : d.sequence() < second.sequence() ? "lin/A" : "gb/B";
                assertEquals(expected, d.scorerVersion(), "decision at sequence " + d.sequence());
                perModel.merge(expected, 1, Integer::sum);
            }
            assertTrue(perModel.getOrDefault(BuiltInPolicyScorer.VERSION, 0) > 0
                && perModel.getOrDefault("lin/A", 0) > 0 && perModel.getOrDefault("gb/B", 0) > 0, perModel.toString());
            final EngineStats stats = engine.stats();
            assertEquals(decisions.size(), stats.counter("decisions.action.APPROVE")
                + stats.counter("decisions.action.DECLINE") + stats.counter("decisions.action.REVIEW")
                + stats.counter("decisions.action.CHALLENGE"), "every decision counted once, the switches none");
        }
    }

    private static void waitForDecisions(final ConcurrentLinkedQueue<Decision> decisions, final int atLeast)
        throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (decisions.size() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    @Test
    void replayingTheJournalSwitchesModelsAtTheSameSequences() throws IOException {
        final Path modelA = write("a", TestModels.linear("lin/A"));
        final Path modelB = write("b", TestModels.forest("rf/B"));
        final JournalConfig journal = JournalConfig.in(dir.resolve("journal")).withSnapshotInterval(Duration.ZERO);
        final Map<Long, String> live = new HashMap<>();
        final long digest;
        final List<String> cards = TestCards.pans("431940", 20);
        try (Engine engine = Engine.start(smallEngine().journal(journal).build())) {
            for (int i = 0; i < 900; i++) {
                if (i == 300) {
                    assertTrue(engine.loadModel(modelA).isApplied());
                }
                if (i == 600) {
                    assertTrue(engine.loadModel(modelB).isApplied());
                }
                final String pan = cards.get(i % cards.size());
                final long time = T0 + i * 20 * SECOND;
                final Decision d = engine.authorize(i % 2 == 0
                    ? cardNotPresent(pan, time).amountMinor(100 + (i * 7919L) % 800_000).ipCountry(i % 5 == 0 ? "RU" : "US")
                        .deviceId("device-" + (i % 7)).build()
                    : cardPresent(pan, time).amountMinor(100 + (i * 104_729L) % 600_000).build(), DEADLINE);
                assertFalse(d.standIn());
                live.put(d.sequence(), outcome(d.action(), d.score(), d.scorerVersion(), d.reasons()));
            }
            digest = engine.stateDigest();
        }
        assertTrue(live.values().stream().anyMatch(o -> o.contains("lin/A")));
        assertTrue(live.values().stream().anyMatch(o -> o.contains("rf/B")));

        final RiskEngine replay = new RiskEngine(new StoreCapacities(1024, 256, 256, 64, 1024, 1024), new BuiltInPolicyScorer(),
            new DecisionPolicy(DecisionThresholds.DEFAULT), new EngineCounters());
        final Map<Long, String> replayed = new HashMap<>();
        try (JournalReader reader = JournalReader.open(journal.inputDirectory())) {
            reader.replay(-1, (event, sequence) -> {
                replay.apply(event, sequence);
                if (event.type == EventType.AUTHORIZE) {
                    final List<ReasonCode> reasons = new ArrayList<>();
                    for (final ReasonCode r : new ReasonCode[] {event.reason0, event.reason1, event.reason2}) {
                        if (r != null) {
                            reasons.add(r);
                        }
                    }
                    replayed.put(sequence, outcome(event.action, event.score, event.scorerVersion, reasons));
                }
            });
        }
        assertEquals(live, replayed);
        assertEquals(digest, replay.stateDigest());
        assertEquals("rf/B", replay.scorerVersion());

        // Recovery on restart goes through the same switch points.
        try (Engine restarted = Engine.start(smallEngine().journal(journal).build())) {
            assertEquals("rf/B", restarted.stats().scorerVersion());
            assertEquals(digest, restarted.stateDigest());
        }

        // A model file changed after it was journaled: replay refuses that switch, naming the file in the error log,
        // keeps the scorer it had until the next switch, and the engine still starts.
        ServingModels.write(modelA.resolve(ServingModels.FILE_NAME), TestModels.linear("lin/A-changed"));
        final OfflineEngine again = OfflineEngine.create(smallEngine().build());
        JournalReplay.run(again, journal.inputDirectory(), null);
        assertEquals(1, again.errors().size());
        assertTrue(again.errors().get(0).contains("has changed since model lin/A was journaled"),
            again.errors().get(0));
        assertEquals("rf/B", again.scorerVersion());
        try (Engine restarted = Engine.start(smallEngine().journal(journal).build())) {
            assertEquals(1, restarted.stats().counter(EngineCounter.INTERNAL_ERRORS));
            assertEquals("rf/B", restarted.stats().scorerVersion());
        }
    }

    @Test
    void aSnapshotTakenAfterASwitchRestartsOnTheSwitchedModel() throws IOException {
        final Path model = write("snap", TestModels.linear("lin/snap"));
        final JournalConfig journal = JournalConfig.in(dir.resolve("journal-snap")).withSnapshotInterval(Duration.ZERO);
        final long digest;
        try (Engine engine = Engine.start(smallEngine().journal(journal).build())) {
            engine.authorize(cardPresent(TestCards.VISA, T0).build());
            assertTrue(engine.loadModel(model).isApplied());
            engine.authorize(cardPresent(TestCards.VISA, T0 + SECOND).build());
            engine.snapshot();
            digest = engine.stateDigest();
        }
        try (Engine restarted = Engine.start(smallEngine().journal(journal).build())) {
            assertEquals(0, restarted.stats().counter("journal.recovered"), "recovered from the snapshot alone");
            assertEquals("lin/snap", restarted.stats().scorerVersion(), "the snapshot carries the active model");
            assertEquals(digest, restarted.stateDigest());
            assertEquals("lin/snap", restarted.authorize(cardPresent(TestCards.VISA, T0 + 2 * SECOND).build())
                .scorerVersion());
        }
    }

    private static String outcome(final Action action, final int score, final String version,
        final List<ReasonCode> reasons) {
        return action + " " + score + " " + version + " " + reasons;
    }
}
