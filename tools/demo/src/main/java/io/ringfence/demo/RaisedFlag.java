package io.ringfence.demo;

import io.ringfence.api.FlagReason;

/**
 * A flag the engine raised on a card.
 *
 * @param cause  the event that raised it: a card-not-present decline or a fraud report
 * @param reason why
 */
public record RaisedFlag(EventOutcome cause, FlagReason reason) {
    public long timeMillis() {
        return cause.event().timeMillis();
    }

    /** How long the flag took to apply: the raising decision's latency, or the fraud report call's. */
    public long latencyNanos() {
        return cause.latencyNanos();
    }

    /** What {@link #latencyNanos()} measured. */
    public String latencySource() {
        return cause.decision() != null ? "engine, decision latency" : "engine, report ack latency";
    }
}
