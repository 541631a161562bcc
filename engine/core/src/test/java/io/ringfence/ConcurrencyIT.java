package io.ringfence;

import io.ringfence.api.Action;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.Decision;
import io.ringfence.api.EngineStats;
import io.ringfence.api.Fingerprint;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import static io.ringfence.TestRequests.SECOND;
import static io.ringfence.TestRequests.T0;
import static io.ringfence.TestRequests.cardNotPresent;
import static io.ringfence.TestRequests.cardPresent;
import static io.ringfence.TestRequests.smallEngine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Eight gateway threads, 100,000 requests each, half through the synchronous call and half through the async one:
 * every request gets exactly one decision, its own, and the engine's counters account for every one.
 */
@Timeout(180)
class ConcurrencyIT {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 100_000;
    private static final int TOTAL = THREADS * PER_THREAD;
    private static final int CARDS_PER_THREAD = 1_000;
    private static final int IN_FLIGHT_PER_THREAD = 256;
    /** Every 97th request is malformed: rejections travel the ring like everything else. */
    private static final int MALFORMED_EVERY = 97;

    private final AtomicIntegerArray decisionsPerRequest = new AtomicIntegerArray(TOTAL);
    private final AtomicIntegerArray requestsPerSequence = new AtomicIntegerArray(TOTAL + 16);
    private final AtomicLongArray byAction = new AtomicLongArray(Action.values().length);
    private final AtomicLong standInsDeadline = new AtomicLong();
    private final AtomicLong standInsRingFull = new AtomicLong();
    private final AtomicLong refusedAtIngress = new AtomicLong();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

    @Test
    void everyRequestGetsExactlyOneDecisionItsOwn() throws Exception {
        final EngineConfig config = smallEngine()
            .ringSize(4_096)
            .cardCapacity(16_384)
            .merchantCapacity(1_024)
            .terminalCapacity(1_024)
            .build();
        try (Engine engine = Engine.start(config)) {
            final String[][] pans = new String[THREADS][CARDS_PER_THREAD];
            final Fingerprint[][] fingerprints = new Fingerprint[THREADS][CARDS_PER_THREAD];
            for (int t = 0; t < THREADS; t++) {
                for (int c = 0; c < CARDS_PER_THREAD; c++) {
                    pans[t][c] = TestCards.pan("4" + (10000 + t), c);
                    fingerprints[t][c] = TestCards.fingerprint(pans[t][c]);
                }
            }

            final CountDownLatch start = new CountDownLatch(1);
            final List<Thread> producers = new ArrayList<>();
            final List<Throwable> crashed = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int thread = t;
                final boolean async = t % 2 == 1;
                final Thread producer = new Thread(() -> {
                    try {
                        start.await();
                        produce(engine, thread, async, pans[thread], fingerprints[thread]);
                    } catch (final Throwable e) {
                        synchronized (crashed) {
                            crashed.add(e);
                        }
                    }
                }, "gateway-" + t);
                producer.start();
                producers.add(producer);
            }
            start.countDown();
            for (final Thread producer : producers) {
                producer.join();
            }
            assertTrue(crashed.isEmpty(), () -> "a producer failed: " + crashed);
            assertTrue(problems.isEmpty(), () -> problems.size() + " problems, first: " + problems.peek());

            for (int id = 0; id < TOTAL; id++) {
                final int count = decisionsPerRequest.get(id);
                if (count != 1) {
                    assertEquals(1, count, "request " + id + " got " + count + " decisions");
                }
            }
            long sequenced = 0;
            for (int s = 0; s < requestsPerSequence.length(); s++) {
                final int count = requestsPerSequence.get(s);
                if (count > 1) {
                    assertEquals(1, count, "sequence " + s + " was given to " + count + " decisions");
                }
                sequenced += count;
            }

            // A query is sequenced behind every request: once it is answered, every counter is final.
            assertEquals(THREADS * CARDS_PER_THREAD, engine.cardCount());
            final EngineStats stats = engine.stats();
            final long ringFull = stats.counter("standin.ring-full");
            final long deadline = stats.counter("standin.deadline");
            assertEquals(standInsRingFull.get(), ringFull);
            assertEquals(standInsDeadline.get(), deadline);
            final long malformed = TOTAL / MALFORMED_EVERY + (TOTAL % MALFORMED_EVERY == 0 ? 0 : 1);
            assertEquals(malformed, refusedAtIngress.get(), "malformed requests are answered at ingress");
            assertEquals(TOTAL - ringFull - deadline - malformed, sequenced,
                "every request that entered the ring carried its own sequence");

            final long entered = TOTAL - ringFull - malformed;
            long decidedByAction = 0;
            for (final Action action : Action.values()) {
                decidedByAction += stats.counter("decisions.action." + action);
            }
            long decidedByCode = 0;
            for (final ResponseCode code : ResponseCode.values()) {
                decidedByCode += stats.counter("decisions.code." + code.code());
            }
            long rejected = 0;
            for (final String kind : stats.counters().keySet()) {
                if (kind.startsWith("rejections.")) {
                    rejected += stats.counter(kind);
                }
            }
            assertEquals(entered + malformed, decidedByAction, "every request that entered the ring was decided, and"
                + " every malformed one declined at ingress");
            assertEquals(entered + malformed, decidedByCode);
            assertEquals(entered, stats.counter("authorizations.CP") + stats.counter("authorizations.CNP"));
            assertEquals(malformed, rejected);
            assertEquals(deadline, stats.counter("decisions.late"), "each deadline stand-in's real decision came late");
            assertEquals(entered + 1, stats.decisionLatency().count(), "every request and the query were released");
            assertEquals(0, stats.counter("errors.internal"));
            if (deadline == 0) {
                for (final Action action : Action.values()) {
                    assertEquals(stats.counter("decisions.action." + action), byAction.get(action.ordinal()) - (
                        action == config.standInPolicy().action() ? ringFull : 0), action.name());
                }
            }
        }
    }

    private void produce(final Engine engine, final int thread, final boolean async, final String[] pans,
        final Fingerprint[] fingerprints) throws InterruptedException {
        final Semaphore inFlight = new Semaphore(IN_FLIGHT_PER_THREAD);
        for (int i = 0; i < PER_THREAD; i++) {
            final int id = thread * PER_THREAD + i;
            final int card = i % CARDS_PER_THREAD;
            final long time = T0 + (long)i * SECOND;
            final AuthorizationRequest.Builder b = i % 2 == 0 ? cardPresent(pans[card], time)
                : cardNotPresent(pans[card], time).deviceId("device-" + card);
            if (id % MALFORMED_EVERY == 0) {
                b.amountMinor(-1);
            } else {
                b.amountMinor(500 + (i % 5_000));
            }
            final AuthorizationRequest request = b.requestId(Integer.toString(id)).build();
            final Fingerprint expected = fingerprints[card];
            if (async) {
                inFlight.acquire();
                final CompletableFuture<Decision> future = engine.authorizeAsync(request);
                future.whenComplete((d, e) -> {
                    if (e != null) {
                        problems.add("request " + id + " failed: " + e);
                    } else {
                        record(id, expected, d);
                    }
                    inFlight.release();
                });
            } else {
                record(id, expected, engine.authorize(request));
            }
        }
        if (!inFlight.tryAcquire(IN_FLIGHT_PER_THREAD, 60, TimeUnit.SECONDS)) {
            problems.add("thread " + thread + ": requests still in flight after a minute");
        }
    }

    private void record(final int id, final Fingerprint expected, final Decision d) {
        decisionsPerRequest.incrementAndGet(id);
        if (!Integer.toString(id).equals(d.requestId())) {
            problems.add("request " + id + " got the decision for " + d.requestId());
        }
        if (!d.standIn() && !expected.equals(d.fingerprint())) {
            problems.add("request " + id + " got another card's decision");
        }
        byAction.incrementAndGet(d.action().ordinal());
        if (d.standIn()) {
            if (d.reasons().contains(ReasonCode.STAND_IN_RING_FULL)) {
                standInsRingFull.incrementAndGet();
            } else if (d.reasons().contains(ReasonCode.STAND_IN_DEADLINE)) {
                standInsDeadline.incrementAndGet();
            } else {
                problems.add("request " + id + " got an unexpected stand-in " + d.reasons());
            }
        } else if (d.reasons().contains(ReasonCode.AMOUNT_NEGATIVE)) {
            refusedAtIngress.incrementAndGet();
            if (d.sequence() != -1) {
                problems.add("request " + id + " was malformed but took ring sequence " + d.sequence());
            }
        } else if (d.sequence() < 0 || d.sequence() >= requestsPerSequence.length()) {
            problems.add("request " + id + " got sequence " + d.sequence());
        } else {
            requestsPerSequence.incrementAndGet((int)d.sequence());
        }
    }
}
