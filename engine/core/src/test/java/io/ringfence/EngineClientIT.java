package io.ringfence;

import io.ringfence.api.Decision;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.ringfence.TestRequests.SECOND;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One owner thread submits and polls: every request is answered exactly once, through the handler, on the owner's
 * thread; bad input and deadlines are answered as {@link Engine#authorize} answers them.
 */
@Timeout(60)
class EngineClientIT {
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);

    @Test
    void everySubmittedRequestIsAnsweredOnceOnTheOwnersThread() {
        try (Engine engine = Engine.start(smallEngine().build())) {
            final EngineClient client = engine.newClient(64);
            final Map<Long, Decision> answers = new HashMap<>();
            final Thread owner = Thread.currentThread();
            final EngineClient.DecisionHandler handler = (correlation, sentNanos, decision) -> {
                assertEquals(owner, Thread.currentThread());
                assertTrue(sentNanos <= System.nanoTime());
                assertEquals(null, answers.put(correlation, decision.toDecision()), "answered twice: " + correlation);
            };
            final int requests = 2_000;
            long next = 0;
            final long giveUp = System.nanoTime() + GIVE_UP_NANOS;
            while (answers.size() < requests && System.nanoTime() - giveUp < 0) {
                while (next < requests && client.submit(cardPresent(TestCards.pan("455610", (int)(next % 300)),
                    T0 + next * SECOND).requestId("r-" + next).build(), next, handler)) {
                    next++;
                }
                client.poll(handler);
            }
            assertEquals(requests, answers.size());
            assertEquals(0, client.inFlight());
            for (long i = 0; i < requests; i++) {
                final Decision decision = answers.get(i);
                assertEquals("r-" + i, decision.requestId());
                assertFalse(decision.standIn());
            }
        }
    }

    @Test
    void aMalformedRequestIsAnsweredAtOnceAndAStalledOneAtItsDeadline() throws Exception {
        final StandInIT.GatedScorer scorer = new StandInIT.GatedScorer();
        try (Engine engine = Engine.start(smallEngine().scorer(() -> scorer).defaultDeadline(Duration.ofMillis(50))
            .build())) {
            final EngineClient client = engine.newClient(4);
            final Map<Long, Decision> answers = new HashMap<>();
            final EngineClient.DecisionHandler handler = (correlation, sentNanos, decision) ->
                answers.put(correlation, decision.toDecision());
            assertTrue(client.submit(cardPresent(TestCards.VISA, T0).amountMinor(-5).build(), 1, handler));
            assertEquals(ResponseCode.INVALID_AMOUNT, answers.get(1L).responseCode(), "answered in submit");
            assertEquals(0, client.inFlight());

            assertTrue(client.submit(cardPresent(TestCards.VISA, T0).requestId("stalled").build(), 2, handler));
            assertTrue(scorer.entered.await(30, TimeUnit.SECONDS));
            final long giveUp = System.nanoTime() + GIVE_UP_NANOS;
            while (!answers.containsKey(2L) && System.nanoTime() - giveUp < 0) {
                client.poll(handler);
                Thread.onSpinWait();
            }
            final Decision standIn = answers.get(2L);
            assertNotNull(standIn);
            assertTrue(standIn.standIn());
            assertEquals(ReasonCode.STAND_IN_DEADLINE, standIn.primaryReason());
            assertEquals("stalled", standIn.requestId());
            assertEquals(0, client.inFlight(), "the abandoned slot is free again");
            scorer.gate.countDown();
            final long lateBy = System.nanoTime() + GIVE_UP_NANOS;
            while (engine.stats().counter("decisions.late") == 0 && System.nanoTime() - lateBy < 0) {
                client.poll(handler);
                Thread.onSpinWait();
            }
            assertEquals(1, engine.stats().counter("decisions.late"), "the late answer was counted, not delivered");
            assertEquals(2, answers.size());
        }
    }
}
