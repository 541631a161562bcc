package io.ringfence.pipeline;

import com.lmax.disruptor.EventHandler;
import io.ringfence.api.FlagReason;
import io.ringfence.event.EngineEvent;
import io.ringfence.event.ResponseSink;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * Last stage: releases each decision to its caller once every stage before it (the business logic, and the
 * journal when there is one) is done with the event. Records decision latency and flag-to-block latency, then
 * drops the slot's references so a reused slot holds nothing of its last caller.
 */
final class ResponseHandler implements EventHandler<EngineEvent> {
    /** Latencies above an hour are clamped: the histogram's fixed range keeps recording allocation-free. */
    static final long MAX_RECORDED_NANOS = 3_600_000_000_000L;

    private final SingleWriterRecorder decisionLatency = new SingleWriterRecorder(MAX_RECORDED_NANOS, 3);
    private final SingleWriterRecorder flagToBlock = new SingleWriterRecorder(MAX_RECORDED_NANOS, 3);

    @Override
    public void onEvent(final EngineEvent event, final long sequence, final boolean endOfBatch) {
        final long releaseNanos = System.nanoTime();
        final long latency = Math.min(MAX_RECORDED_NANOS, Math.max(0L, releaseNanos - event.ingressNanos));
        decisionLatency.recordValue(latency);
        if (event.flagRaised != FlagReason.NOT_FLAGGED) {
            flagToBlock.recordValue(latency);
        }
        final ResponseSink sink = event.sink;
        event.deliveredLate = sink != null && !sink.onResponse(event, releaseNanos);
        event.sink = null;
        event.requestId = null;
        event.queryResult = null;
        event.scorer = null;
    }

    /** Decision latencies since the last call; for the stats reader thread. */
    Histogram takeDecisionLatency(final Histogram recycle) {
        return decisionLatency.getIntervalHistogram(recycle);
    }

    /** Flag-to-block latencies since the last call: from a flag's ingress until the business logic applied it. */
    Histogram takeFlagToBlock(final Histogram recycle) {
        return flagToBlock.getIntervalHistogram(recycle);
    }
}
