package io.ringfence.benchmarks;

import io.ringfence.EngineConfig;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.Decision;
import io.ringfence.api.EngineCounter;
import io.ringfence.api.LatencySummary;
import io.ringfence.api.WaitStrategyKind;
import io.ringfence.decision.DecisionPolicy;
import io.ringfence.decision.RiskEngine;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.EventType;
import io.ringfence.ingress.CardFingerprinter;
import io.ringfence.ingress.Ingress;
import io.ringfence.metrics.EngineCounters;
import io.ringfence.pipeline.PendingResponse;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The classic baseline the engine's ring is measured against, in the engine's own two-thread topology
 * ({@link io.ringfence.api.ThreadingMode#SHARED}): the caller hands each event to one engine thread through an
 * {@link ArrayBlockingQueue} instead of the Disruptor, and the engine thread decides and answers it.
 *
 * <pre>
 *  caller ──offer──► queue ──poll──► engine thread (RiskEngine.apply, latency, complete) ──► caller
 *  (ingress, copy    (ring size)
 *   into a slot)
 * </pre>
 *
 * <p>Everything but the hand-off is the engine's own, so a comparison with {@code Engine.authorize} isolates it: the
 * caller decodes through the engine's {@link Ingress} into a staging event and copies it into a pre-allocated slot
 * (as the ring's translator does) and waits on the engine's reusable {@link PendingResponse} (spin, yield, park); the
 * engine thread runs {@link RiskEngine#apply} as the engine's stage does, records the ingress-to-release latency and
 * completes the caller. The engine thread waits for work as the ring's wait strategy does: {@code BUSY_SPIN} polls
 * the queue in a spin, {@code YIELDING} spins a hundred polls and then yields between polls. Neither blocks in
 * {@code take()}: that would compare a park/unpark wake-up with a spin, not a queue with a ring.
 *
 * <p>One caller thread only: the staging event and the response slot are not shared.
 */
final class BlockingQueuePipeline implements AutoCloseable {
    /** Latencies above an hour are clamped, keeping the histogram's range fixed. */
    private static final long MAX_RECORDED_NANOS = TimeUnit.HOURS.toNanos(1);
    /** Polls before a yielding engine thread starts yielding, as the Disruptor's YieldingWaitStrategy spins. */
    private static final int SPIN_TRIES = 100;

    private final EngineCounters counters = new EngineCounters();
    private final Ingress ingress;
    private final RiskEngine riskEngine;
    private final long deadlineNanos;
    private final ArrayBlockingQueue<EngineEvent> toEngine;
    private final boolean yielding;
    /**
     * Slots used in turn. The queue is FIFO and the engine thread handles one event at a time, so a slot still in
     * flight means every later one is too: with more slots than the queue and the engine thread can hold, the slot
     * reused next is always free.
     */
    private final EngineEvent[] slots;
    private final EngineEvent staged = new EngineEvent();
    private final PendingResponse pending;
    private final SingleWriterRecorder decisionLatency = new SingleWriterRecorder(MAX_RECORDED_NANOS, 3);
    private final Thread engineThread;
    private volatile boolean running = true;
    private long published;

    /**
     * Builds the stores and the queue (of the configured ring size) and starts the engine thread.
     *
     * @param waitStrategy how the engine thread waits for work: {@code BUSY_SPIN} or {@code YIELDING}
     */
    BlockingQueuePipeline(final EngineConfig config, final WaitStrategyKind waitStrategy) {
        if (waitStrategy != WaitStrategyKind.BUSY_SPIN && waitStrategy != WaitStrategyKind.YIELDING) {
            throw new IllegalArgumentException("the queue's engine thread spins or yields, not " + waitStrategy);
        }
        yielding = waitStrategy == WaitStrategyKind.YIELDING;
        ingress = new Ingress(new CardFingerprinter(CardFingerprinter.developmentKey()), config.maxAmountMinor(),
            config.ingressEpochMillisClock());
        riskEngine = new RiskEngine(config.capacities(), config.scorerFactory().get(),
            new DecisionPolicy(config.thresholds()), counters);
        deadlineNanos = config.defaultDeadline().toNanos();
        pending = new PendingResponse(counters, config.callerSpin().toNanos(), config.callerYield().toNanos());
        toEngine = new ArrayBlockingQueue<>(config.ringSize());
        slots = new EngineEvent[config.ringSize() + 2];
        for (int s = 0; s < slots.length; s++) {
            slots[s] = new EngineEvent();
        }
        engineThread = new Thread(this::runEngine, "abq-engine");
        engineThread.setDaemon(true);
        engineThread.start();
    }

    /** Decides one authorization within the configured default deadline; null for a stand-in. */
    Decision authorize(final AuthorizationRequest request) {
        final long ingressNanos = System.nanoTime();
        staged.clear();
        staged.type = EventType.AUTHORIZE;
        staged.ingressNanos = ingressNanos;
        ingress.decodeAuthorization(request, staged);
        final EngineEvent slot = slots[(int)(published++ % slots.length)];
        slot.copyRequestFrom(staged);
        slot.sink = pending;
        slot.sinkGeneration = pending.begin();
        if (!toEngine.offer(slot)) {
            slot.sink = null;
            counters.get(EngineCounter.STAND_IN_RING_FULL).increment();
            return null;
        }
        if (!pending.await(ingressNanos + deadlineNanos)) {
            counters.get(EngineCounter.STAND_IN_DEADLINE).increment();
            return null;
        }
        return pending.toDecision();
    }

    Map<String, Long> counters() {
        return counters.snapshot();
    }

    /** Ingress-to-release latency since the last call. */
    LatencySummary takeDecisionLatency() {
        return LatencySummary.of(decisionLatency.getIntervalHistogram());
    }

    /** Stops the engine thread, dropping anything still queued. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        engineThread.join();
    }

    private void runEngine() {
        long sequence = 0;
        int idlePolls = 0;
        while (running) {
            final EngineEvent event = toEngine.poll();
            if (event == null) {
                if (yielding && ++idlePolls > SPIN_TRIES) {
                    Thread.yield();
                } else {
                    Thread.onSpinWait();
                }
                continue;
            }
            idlePolls = 0;
            riskEngine.apply(event, sequence++);
            final long releaseNanos = System.nanoTime();
            decisionLatency.recordValue(Math.min(MAX_RECORDED_NANOS, Math.max(0L, releaseNanos - event.ingressNanos)));
            event.sink.onResponse(event, releaseNanos);
            event.sink = null;
            event.requestId = null;
        }
    }
}
