package io.ringfence.api;

/** Why a card is flagged, or NOT_FLAGGED. Stored as its ordinal in the card record: append only. */
public enum FlagReason {
    NOT_FLAGGED,
    CNP_FRAUD_DECLINE,
    FRAUD_REPORT,
    CARD_TESTING;

    private static final FlagReason[] VALUES = values();

    /**
     * Raised on a score's evidence alone (a card-not-present decline), not on a confirmed report or a pattern rule:
     * the one kind of flag strong customer authentication lifts.
     */
    public boolean raisedByModel() {
        return this == CNP_FRAUD_DECLINE;
    }

    public static FlagReason fromOrdinal(final int ordinal) {
        return VALUES[ordinal];
    }
}
