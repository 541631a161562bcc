package io.ringfence;

import io.ringfence.api.Channel;
import io.ringfence.api.Decision;
import io.ringfence.api.ReasonCode;
import io.ringfence.event.EngineEvent;

/**
 * What a stand-in needs of a request sent into the ring, copied out of the reused staging event when it is sent: a
 * request answered later (async, or through an {@link EngineClient}) may need its stand-in after the staging event
 * holds another request.
 */
final class StandInSubject {
    private Object requestId;
    private long fingerprintHigh;
    private long fingerprintLow;
    private Channel channel;
    private long eventTimeMillis;
    private long ingressNanos;

    void capture(final EngineEvent staged) {
        requestId = staged.requestId;
        fingerprintHigh = staged.fingerprintHigh;
        fingerprintLow = staged.fingerprintLow;
        channel = staged.channel;
        eventTimeMillis = staged.eventTimeMillis;
        ingressNanos = staged.ingressNanos;
    }

    /** The engine's stand-in for this request (flags read first, audited), timed from its ingress. */
    Decision standIn(final Engine engine, final ReasonCode reason) {
        return engine.standInDecision(requestId, fingerprintHigh, fingerprintLow, channel, eventTimeMillis, reason,
            System.nanoTime() - ingressNanos);
    }
}
