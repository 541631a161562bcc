package io.ringfence.journal;

import io.ringfence.api.Action;
import io.ringfence.api.FlagReason;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import io.ringfence.event.EventType;

import java.util.List;

/**
 * One audit record of the decision journal, as read back by tools.
 *
 * @param sequence          the event's global sequence
 * @param eventTimeMillis   the event's time
 * @param type              the event type
 * @param fingerprintHigh   the card the business logic resolved the event to (high 64 bits)
 * @param fingerprintLow    low 64 bits of it
 * @param action            the action, null for control events
 * @param responseCode      the ISO 8583 response code, null for control events
 * @param score             0-1000
 * @param reason0           first reason, or null
 * @param reason1           second reason, or null
 * @param reason2           third reason, or null
 * @param scorerVersion     the scorer (model or policy) and rules version that decided, or null
 * @param flagRaised        the flag this event raised, or NOT_FLAGGED
 * @param applied           for control events: whether anything changed
 * @param standIn           whether the caller got a stand-in decision instead of the business logic's
 * @param latencyNanos      ingress to release, nanoseconds
 * @param ruleName          the analyst's rule that decided, or null
 */
public record DecisionRecord(long sequence, long eventTimeMillis, EventType type, long fingerprintHigh,
    long fingerprintLow, Action action, ResponseCode responseCode, int score, ReasonCode reason0, ReasonCode reason1,
    ReasonCode reason2, String scorerVersion, FlagReason flagRaised, boolean applied, boolean standIn,
    long latencyNanos, String ruleName) {

    /** The reasons present, in order. */
    public List<ReasonCode> reasons() {
        return ReasonCode.listOf(reason0, reason1, reason2);
    }

    /** The fingerprint as 32 hex digits. */
    public String fingerprintHex() {
        return String.format("%016x%016x", fingerprintHigh, fingerprintLow);
    }
}
