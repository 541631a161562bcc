package io.ringfence.benchmarks;

import io.ringfence.EngineConfig;
import io.ringfence.api.AuthorizationRequest;
import io.ringfence.api.Decision;
import io.ringfence.api.EngineCounter;
import io.ringfence.api.LatencySummary;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The classic baseline the engine's ring is measured against: the same two stages, business logic then response,
 * each on its own thread, handed events through {@link ArrayBlockingQueue}s instead of the Disruptor.
 *
 * <pre>
 *  caller ──offer──► queue ──take──► business logic ──put──► queue ──take──► response ──► caller
 *  (ingress, copy    (ring size)     (RiskEngine.apply)    (ring size)     (latency,
 *   into a slot)                                                              complete)
 * </pre>
 *
 * <p>Everything but the hand-off is the engine's own, so a comparison with {@code Engine.authorize} isolates it: the
 * caller decodes through the engine's {@link Ingress} into a staging event and copies it into a pre-allocated slot
 * (as the ring's translator does), waits on the engine's {@link PendingResponse} (spin, then park), and builds the
 * same {@link Decision}; the business-logic thread runs {@link RiskEngine#apply} as the engine's stage does; the
 * response thread records the ingress-to-release latency in a histogram and completes the caller. A full queue or
 * a missed deadline counts a stand-in, as the engine does, and returns null.
 *
 * <p>One caller thread only: the staging event is not shared.
 */
final class BlockingQueuePipeline implements AutoCloseable {
    /** Latencies above an hour are clamped, keeping the histogram's range fixed. */
    private static final long MAX_RECORDED_NANOS = TimeUnit.HOURS.toNanos(1);

    private final EngineCounters counters = new EngineCounters();
    private final Ingress ingress;
    private final RiskEngine riskEngine;
    private final long deadlineNanos;
    private final BlockingQueue<EngineEvent> toBusinessLogic;
    private final BlockingQueue<EngineEvent> toResponse;
    /**
     * Slots used in turn. Both queues are FIFO and each stage handles one event at a time, so a slot still in
     * flight means every later one is too: with more slots than both queues and both stages can hold, the slot
     * reused next is always free.
     */
    private final EngineEvent[] slots;
    private final EngineEvent staged = new EngineEvent();
    private final SingleWriterRecorder decisionLatency = new SingleWriterRecorder(MAX_RECORDED_NANOS, 3);
    private final Thread businessLogic;
    private final Thread response;
    private long published;

    /** Builds the stores and both queues (each of the configured ring size) and starts the two stage threads. */
    BlockingQueuePipeline(final EngineConfig config) {
        ingress = new Ingress(new CardFingerprinter(CardFingerprinter.developmentKey()), config.maxAmountMinor(),
            config.ingressEpochMillisClock());
        riskEngine = new RiskEngine(config.capacities(), config.scorerFactory().get(),
            new DecisionPolicy(config.thresholds()), counters);
        deadlineNanos = config.defaultDeadline().toNanos();
        toBusinessLogic = new ArrayBlockingQueue<>(config.ringSize());
        toResponse = new ArrayBlockingQueue<>(config.ringSize());
        slots = new EngineEvent[2 * config.ringSize() + 2];
        for (int s = 0; s < slots.length; s++) {
            slots[s] = new EngineEvent();
        }
        businessLogic = stageThread("abq-business-logic", this::runBusinessLogic);
        response = stageThread("abq-response", this::runResponse);
    }

    /** Decides one authorization within the configured default deadline; null for a stand-in. */
    Decision authorize(final AuthorizationRequest request) {
        final long ingressNanos = System.nanoTime();
        staged.clear();
        staged.type = EventType.AUTHORIZE;
        staged.ingressNanos = ingressNanos;
        ingress.decodeAuthorization(request, staged);
        final PendingResponse pending = new PendingResponse(counters);
        final EngineEvent slot = slots[(int)(published++ % slots.length)];
        slot.copyRequestFrom(staged);
        slot.sink = pending;
        if (!toBusinessLogic.offer(slot)) {
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

    /** Stops both stage threads, dropping anything still queued. */
    @Override
    public void close() throws InterruptedException {
        businessLogic.interrupt();
        response.interrupt();
        businessLogic.join();
        response.join();
    }

    private void runBusinessLogic() {
        long sequence = 0;
        try {
            while (true) {
                final EngineEvent event = toBusinessLogic.take();
                riskEngine.apply(event, sequence++);
                toResponse.put(event);
            }
        } catch (final InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
    }

    private void runResponse() {
        try {
            while (true) {
                final EngineEvent event = toResponse.take();
                final long releaseNanos = System.nanoTime();
                decisionLatency.recordValue(Math.min(MAX_RECORDED_NANOS, Math.max(0L, releaseNanos - event.ingressNanos)));
                event.sink.onResponse(event, releaseNanos);
                event.sink = null;
                event.requestId = null;
            }
        } catch (final InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread stageThread(final String name, final Runnable loop) {
        final Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
