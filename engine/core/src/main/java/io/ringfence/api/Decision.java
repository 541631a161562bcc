package io.ringfence.api;

import java.util.List;

/**
 * The engine's answer to one authorization.
 *
 * @param requestId     the caller's request id, echoed; may be null
 * @param action        what to do
 * @param responseCode  ISO 8583 field 39
 * @param score         risk score, 0 (no risk) to 1000
 * @param reasons       up to three reason codes, strongest first
 * @param fingerprint   the card's keyed fingerprint ({@link Fingerprint#NONE} when the request had no usable card)
 * @param latencyNanos  time from ingress to the decision being released, in nanoseconds
 * @param standIn       true when this is the stand-in decision given because the engine could not answer in time
 * @param sequence      the ring sequence of the request, or -1 for an answer given without the ring (a stand-in, or a
 *                      malformed request declined at ingress)
 * @param scorerVersion the scorer (policy or model) version that produced the score
 * @param flagRaised    the flag this authorization put on the card (a card-not-present fraud decline, card
 *                      testing), or {@link FlagReason#NOT_FLAGGED}
 * @param ruleName      the analyst's rule that decided (its reasons then start with {@link ReasonCode#RULE}), or null
 *                      when no rule did
 */
public record Decision(
    String requestId,
    Action action,
    ResponseCode responseCode,
    int score,
    List<ReasonCode> reasons,
    Fingerprint fingerprint,
    long latencyNanos,
    boolean standIn,
    long sequence,
    String scorerVersion,
    FlagReason flagRaised,
    String ruleName) {

    public Decision {
        reasons = List.copyOf(reasons);
    }

    /** A decision no rule made: stand-ins, malformed requests, and every decision of an engine without rules. */
    public Decision(final String requestId, final Action action, final ResponseCode responseCode, final int score,
        final List<ReasonCode> reasons, final Fingerprint fingerprint, final long latencyNanos, final boolean standIn,
        final long sequence, final String scorerVersion, final FlagReason flagRaised) {
        this(requestId, action, responseCode, score, reasons, fingerprint, latencyNanos, standIn, sequence,
            scorerVersion, flagRaised, null);
    }

    /** True for APPROVE and REVIEW: the gateway lets the payment through. */
    public boolean isApproved() {
        return action == Action.APPROVE || action == Action.REVIEW;
    }

    /** The first reason, or null when there is none. */
    public ReasonCode primaryReason() {
        return reasons.isEmpty() ? null : reasons.get(0);
    }
}
