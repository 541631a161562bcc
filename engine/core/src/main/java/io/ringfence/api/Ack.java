package io.ringfence.api;

/**
 * The answer to a control event (fraud report, flag clear, token link).
 *
 * @param status      what became of the event
 * @param fingerprint the card it concerned ({@link Fingerprint#NONE} if the card could not be read)
 * @param sequence    its ring sequence, or -1 when not known: it never entered the ring, or is still PENDING
 * @param latencyNanos from ingress to the confirmation (or to giving up), in nanoseconds
 * @param detail      a line saying why, for REJECTED and PENDING
 */
public record Ack(Status status, Fingerprint fingerprint, long sequence, long latencyNanos, String detail) {
    /** What became of a control event. */
    public enum Status {
        /**
         * The business logic applied it: every event sequenced after it sees its effect. A fraud report on a card
         * already flagged is APPLIED too: it still counts against the merchant and terminals.
         */
        APPLIED,
        /** The business logic processed it and found nothing to change (clearing a card that was not flagged). */
        NO_CHANGE,
        /** It is in the ring and will be applied, but the deadline passed before the confirmation. */
        PENDING,
        /** It never entered the ring (malformed card, ring full past the deadline, engine stopped): resend. */
        REJECTED
    }

    public boolean isApplied() {
        return status == Status.APPLIED;
    }
}
