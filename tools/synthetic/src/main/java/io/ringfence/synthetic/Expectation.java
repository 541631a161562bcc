package io.ringfence.synthetic;

/** What a scenario expects the engine to make of one of its events. */
public enum Expectation {
    /** Nothing in particular: ordinary traffic, or fraud the engine is not expected to see yet. */
    NONE("-"),
    /** Approved (APPROVE, or REVIEW which lets the payment through). */
    APPROVED("approved"),
    /** Declined; any reason. */
    DECLINED("declined"),
    /** A card-not-present decline on score: the card is flagged. */
    DECLINED_AND_FLAGGED("declined online, card flagged"),
    /**
     * Declined with the card flagged: 59 CARD_TESTING, or already stopped by the score at an earlier attempt (a
     * trained model may see the bot before the card-testing rule does).
     */
    STOPPED_AS_CARD_TESTING("declined 59 CARD_TESTING, or flagged earlier; card flagged"),
    /** Card-present declined 59 CARD_FLAGGED_ONLINE: the cross-channel block. */
    BLOCKED_IN_STORE("declined in store, 59 CARD_FLAGGED_ONLINE"),
    /**
     * With the built-in policy, sent to review or declined with COMPROMISED_TERMINAL among the reasons; a trained
     * model weighs the terminal's history for itself, so with a model nothing is expected.
     */
    REVIEWED_AT_COMPROMISED_TERMINAL("review, COMPROMISED_TERMINAL (built-in policy)"),
    /**
     * Declined; with the built-in policy, with CARD_AT_COMPROMISED_TERMINAL among the reasons (a trained model names
     * its own reasons).
     */
    DECLINED_CARD_AT_COMPROMISED_TERMINAL("declined, CARD_AT_COMPROMISED_TERMINAL (built-in policy)"),
    /** A control event the engine applies (a fraud report flags the card; a clear lifts the flag). */
    APPLIED("applied");

    private final String description;

    Expectation(final String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
