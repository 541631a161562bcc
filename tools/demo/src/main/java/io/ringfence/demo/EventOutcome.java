package io.ringfence.demo;

import io.ringfence.api.Ack;
import io.ringfence.api.Action;
import io.ringfence.api.Decision;
import io.ringfence.api.Fingerprint;
import io.ringfence.api.FlagReason;
import io.ringfence.api.ReasonCode;
import io.ringfence.api.ResponseCode;
import io.ringfence.scoring.BuiltInPolicyScorer;
import io.ringfence.synthetic.Expectation;
import io.ringfence.synthetic.SyntheticAuthorization;
import io.ringfence.synthetic.SyntheticEvent;
import io.ringfence.synthetic.SyntheticFlagClear;
import io.ringfence.synthetic.SyntheticFraudReport;

/**
 * What the engine made of one synthetic event: the decision for an authorization, or the acknowledgement of a
 * fraud report or flag clear.
 *
 * @param index    position in the stream
 * @param event    the event
 * @param decision the decision, for an authorization; null otherwise
 * @param ack      the acknowledgement, for a control event; null otherwise
 */
public record EventOutcome(int index, SyntheticEvent event, Decision decision, Ack ack) {

    public boolean isAuthorization() {
        return event instanceof SyntheticAuthorization;
    }

    public SyntheticAuthorization authorization() {
        return (SyntheticAuthorization)event;
    }

    /** The card's fingerprint as the engine gave it. */
    public Fingerprint fingerprint() {
        return decision != null ? decision.fingerprint() : ack.fingerprint();
    }

    /**
     * The flag this event raised, or {@link FlagReason#NOT_FLAGGED}: the decision says so for an authorization; a
     * fraud report the engine applied flags the card unless it already was, which
     * {@link FlagLedger} decides.
     */
    public FlagReason flagRaised() {
        if (event instanceof SyntheticFraudReport) {
            return ack.isApplied() ? FlagReason.FRAUD_REPORT : FlagReason.NOT_FLAGGED;
        }
        return decision == null ? FlagReason.NOT_FLAGGED : decision.flagRaised();
    }

    /** An analyst's clear the engine applied. */
    public boolean clearedFlag() {
        return event instanceof SyntheticFlagClear && ack.isApplied();
    }

    /** A card-present decline because the card was flagged: the cross-channel block. */
    public boolean isCrossChannelBlock() {
        return decision != null && !decision.standIn() && isAuthorization() && authorization().cardPresent()
            && decision.responseCode() == ResponseCode.SUSPECTED_FRAUD
            && decision.primaryReason() == ReasonCode.CARD_FLAGGED_ONLINE;
    }

    /** Whether the engine did what the event's scenario expects. */
    public boolean meetsExpectation() {
        final Expectation expected = event.tag().expectation();
        if (ack != null) {
            return expected != Expectation.APPLIED || ack.isApplied();
        }
        return switch (expected) {
            case NONE -> true;
            case APPROVED -> !decision.standIn() && decision.isApproved();
            case DECLINED -> decision.action() == Action.DECLINE;
            case DECLINED_AND_FLAGGED -> flagRaised() == FlagReason.CNP_FRAUD_DECLINE;
            case STOPPED_AS_CARD_TESTING -> flagRaised() == FlagReason.CARD_TESTING
                || decision.action() == Action.DECLINE && decision.primaryReason() == ReasonCode.CARD_FLAGGED;
            case BLOCKED_IN_STORE -> isCrossChannelBlock();
            case REVIEWED_AT_COMPROMISED_TERMINAL -> !scoredByBuiltInPolicy()
                || (decision.action() == Action.REVIEW || decision.action() == Action.DECLINE)
                && decision.reasons().contains(ReasonCode.COMPROMISED_TERMINAL);
            case DECLINED_CARD_AT_COMPROMISED_TERMINAL -> decision.action() == Action.DECLINE
                && (!scoredByBuiltInPolicy() || decision.reasons().contains(ReasonCode.CARD_AT_COMPROMISED_TERMINAL));
            case APPLIED -> false;
        };
    }

    private boolean scoredByBuiltInPolicy() {
        return BuiltInPolicyScorer.VERSION.equals(decision.scorerVersion());
    }

    /** The engine's latency for this event: the decision's, or the acknowledgement's. */
    public long latencyNanos() {
        return decision != null ? decision.latencyNanos() : ack.latencyNanos();
    }
}
