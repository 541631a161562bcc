package io.ringfence.synthetic;

/**
 * A scenario's hold on a cardholder: while it lasts no other scenario picks them, and their genuine spending
 * stops for {@code [suppressFromMillis, suppressUntilMillis)} (a stolen card is out of its owner's hands until it
 * is replaced). The hold ends when their card is replaced, or at the end of a story that replaces none.
 *
 * @param suppressFromMillis  first moment without genuine spending
 * @param suppressUntilMillis first moment with genuine spending again
 * @param releaseMillis       when the cardholder is free for other stories ({@link Long#MAX_VALUE}: not yet known)
 */
record Claim(long suppressFromMillis, long suppressUntilMillis, long releaseMillis) {
    /** The cardholder keeps spending as usual until their card is replaced. */
    static Claim keepSpending() {
        return new Claim(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /** Genuine spending stops at {@code fromMillis} and resumes, on the new card, once the card is replaced. */
    static Claim suppressFrom(final long fromMillis) {
        return new Claim(fromMillis, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /** Genuine spending stops for {@code [fromMillis, untilMillis)}; no card is replaced. */
    static Claim during(final long fromMillis, final long untilMillis) {
        return new Claim(fromMillis, untilMillis, untilMillis);
    }

    /** The claim once the card is replaced at {@code atMillis}: suppression and the hold end there. */
    Claim replacedAt(final long atMillis) {
        return new Claim(suppressFromMillis, Math.min(suppressUntilMillis, atMillis), atMillis);
    }

    boolean suppresses(final long timeMillis) {
        return timeMillis >= suppressFromMillis && timeMillis < suppressUntilMillis;
    }

    /** Whether the cardholder is still held on the day that starts at {@code dayStartMillis}. */
    boolean holdsOn(final long dayStartMillis) {
        return releaseMillis > dayStartMillis;
    }
}
