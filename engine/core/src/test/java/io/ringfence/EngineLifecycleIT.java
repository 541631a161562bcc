package io.ringfence;

import io.ringfence.api.Decision;
import io.ringfence.api.EngineStats;
import io.ringfence.scoring.BuiltInPolicyScorer;
import io.ringfence.scoring.Scorer;
import io.ringfence.scoring.TestModels;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.ringfence.TestRequests.SECOND;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class EngineLifecycleIT {
    /** Repeated: closing right after start must not race the stage threads' start-up and leave events unread. */
    @RepeatedTest(25)
    void closingDecidesEverythingAlreadyInTheRingBeforeItReturns() throws Exception {
        final Engine engine = Engine.start(smallEngine().build());
        final List<CompletableFuture<Decision>> futures = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            futures.add(engine.authorizeAsync(cardPresent(TestCards.pan("455600", i % 50), T0 + i * SECOND)
                .requestId("q-" + i).build(), Duration.ofSeconds(30)));
        }
        engine.close();
        for (int i = 0; i < futures.size(); i++) {
            assertTrue(futures.get(i).isDone(), "request " + i + " left unanswered by close");
            final Decision d = futures.get(i).get();
            assertFalse(d.standIn(), "request " + i + " was in the ring: it gets a real decision");
            assertEquals("q-" + i, d.requestId());
        }
        assertEquals(500, engine.stats().counter("authorizations.CP"));
        engine.close();
        assertEquals(0, engine.stats().counter("standin.stopped"), "closing twice is harmless");
    }

    @Test
    void aScorerForAnotherFeatureSchemaIsRefusedAtStart() {
        final Scorer stale = TestModels.staleSchema("model-trained-on-v0");
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Engine.start(smallEngine().scorer(() -> stale).build()));
        assertTrue(e.getMessage().contains("model-trained-on-v0"));
    }

    @Test
    void theScorerVersionTravelsWithEveryDecisionAndTheStats() {
        try (Engine engine = Engine.start(smallEngine().build())) {
            final Decision d = engine.authorize(cardPresent(TestCards.VISA, T0).build());
            assertEquals(BuiltInPolicyScorer.VERSION, d.scorerVersion());
            final EngineStats stats = engine.stats();
            assertEquals(BuiltInPolicyScorer.VERSION, stats.scorerVersion());
            assertEquals(252.0, stats.bytesPerCard(), 1e-9, "244-byte record plus 8 bytes of index per card");
            assertEquals(1, stats.decisionLatency().count());
            assertTrue(d.latencyNanos() > 0);
            assertEquals(1, engine.cardCount());
            assertEquals(engine.decisionLatencyHistogram().getTotalCount(), engine.stats().decisionLatency().count());
        }
    }
}
