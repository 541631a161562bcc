package io.ringfence.pipeline;

import io.ringfence.api.Action;
import io.ringfence.api.Decision;
import io.ringfence.api.EngineCounter;
import io.ringfence.api.Fingerprint;
import io.ringfence.api.FlagReason;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import io.ringfence.event.EngineEvent;
import io.ringfence.metrics.EngineCounters;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exactly one of "the outcome arrived" and "the caller gave up" wins; the loser is counted, never lost. */
class PendingResponseTest {
    private final EngineCounters counters = new EngineCounters();

    @Test
    void anOutcomeThatArrivesInTimeBecomesTheDecision() {
        final PendingResponse pending = new PendingResponse(counters);
        final EngineEvent event = decided();
        pending.onResponse(event, event.ingressNanos + 1_234);
        assertTrue(pending.isDone());
        assertTrue(pending.await(System.nanoTime()), "already done: no wait at all");
        final Decision d = pending.toDecision();
        assertEquals("r-1", d.requestId());
        assertEquals(Action.DECLINE, d.action());
        assertEquals(ResponseCode.SUSPECTED_FRAUD, d.responseCode());
        assertEquals(1000, d.score());
        assertEquals(List.of(ReasonCode.CARD_FLAGGED_ONLINE, ReasonCode.NEW_DEVICE), d.reasons());
        assertEquals(new Fingerprint(7, 8), d.fingerprint());
        assertEquals(1_234, d.latencyNanos());
        assertEquals(41, d.sequence());
        assertFalse(d.standIn());
        assertEquals("test/1", d.scorerVersion());
        assertEquals(FlagReason.CARD_TESTING, pending.flagRaised());
        assertFalse(pending.abandon(), "too late to give up");
        assertEquals(0, counters.get(EngineCounter.LATE_DECISIONS).get());
    }

    @Test
    void anOutcomeAfterTheDeadlineIsCountedLateAndNotDelivered() {
        final AtomicInteger completions = new AtomicInteger();
        final PendingResponse pending = new PendingResponse(counters) {
            @Override
            protected void completed() {
                completions.incrementAndGet();
            }
        };
        assertFalse(pending.await(System.nanoTime() - 1), "the deadline has passed");
        assertFalse(pending.abandon(), "already abandoned by await");
        pending.onResponse(decided(), System.nanoTime());
        assertFalse(pending.isDone());
        assertEquals(0, completions.get());
        assertEquals(1, counters.get(EngineCounter.LATE_DECISIONS).get());
    }

    @Test
    void aParkedWaiterIsWokenByTheOutcome() throws Exception {
        final PendingResponse pending = new PendingResponse(counters);
        final ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            final AtomicReference<Thread> waiter = new AtomicReference<>();
            final Future<Boolean> waited = pool.submit(() -> {
                waiter.set(Thread.currentThread());
                return pending.await(System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
            });
            while (waiter.get() == null || LockSupport.getBlocker(waiter.get()) != pending) {
                Thread.yield();
            }
            pending.onResponse(decided(), System.nanoTime());
            assertTrue(waited.get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whenTheOutcomeRacesTheDeadlineExactlyOneWins() throws Exception {
        final int rounds = 5_000;
        final AtomicInteger completions = new AtomicInteger();
        final AtomicInteger abandons = new AtomicInteger();
        final ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                final PendingResponse pending = new PendingResponse(counters) {
                    @Override
                    protected void completed() {
                        completions.incrementAndGet();
                    }
                };
                final CyclicBarrier start = new CyclicBarrier(2);
                final Future<?> responder = pool.submit(() -> {
                    start.await();
                    pending.onResponse(decided(), System.nanoTime());
                    return null;
                });
                final Future<?> caller = pool.submit(() -> {
                    start.await();
                    if (pending.abandon()) {
                        abandons.incrementAndGet();
                    }
                    return null;
                });
                responder.get(30, TimeUnit.SECONDS);
                caller.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(rounds, completions.get() + abandons.get());
        assertEquals(abandons.get(), counters.get(EngineCounter.LATE_DECISIONS).get());
    }

    @Test
    void aReusedSlotRefusesTheLateAnswerToItsAbandonedRequest() {
        final PendingResponse slot = new PendingResponse(counters);
        final long abandoned = slot.begin();
        assertFalse(slot.await(System.nanoTime() - 1), "the first request timed out");
        final long current = slot.begin();
        final EngineEvent late = decided();
        late.sinkGeneration = abandoned;
        late.requestId = "late";
        assertFalse(slot.onResponse(late, System.nanoTime()), "the answer to the abandoned request");
        assertEquals(1, counters.get(EngineCounter.LATE_DECISIONS).get());
        assertFalse(slot.isDone(), "the late answer did not complete the current request");
        final EngineEvent answer = decided();
        answer.sinkGeneration = current;
        assertTrue(slot.onResponse(answer, answer.ingressNanos + 1));
        assertTrue(slot.await(System.nanoTime()));
        assertEquals("r-1", slot.toDecision().requestId(), "the current request's own answer, untouched");
    }

    private static EngineEvent decided() {
        final EngineEvent event = new EngineEvent();
        event.clear();
        event.requestId = "r-1";
        event.ingressNanos = 1_000;
        event.sequence = 41;
        event.action = Action.DECLINE;
        event.responseCode = ResponseCode.SUSPECTED_FRAUD;
        event.score = 1000;
        event.scorerVersion = "test/1";
        event.reason0 = ReasonCode.CARD_FLAGGED_ONLINE;
        event.reason1 = ReasonCode.NEW_DEVICE;
        event.resolvedFingerprintHigh = 7;
        event.resolvedFingerprintLow = 8;
        event.flagRaised = FlagReason.CARD_TESTING;
        return event;
    }
}
