package io.ringfence.api;

/**
 * The engine's single-valued counters, each with a stable id and the label it is read by (in
 * {@link EngineStats#counters()} and a metrics export). The families counted per value (decisions by
 * {@link Action} and by {@link ResponseCode}, rejections by reason, flags raised by {@link FlagReason}) are labelled
 * {@code decisions.action.<ACTION>}, {@code decisions.code.<code>}, {@code rejections.<REASON>} and
 * {@code flags.raised.<REASON>}.
 */
public enum EngineCounter {
    AUTHORIZATIONS_CP(1, "authorizations.CP"),
    AUTHORIZATIONS_CNP(2, "authorizations.CNP"),
    /** In-store authorizations refused because the card was flagged. */
    CROSS_CHANNEL_BLOCKS(3, "flags.blocked.CP"),
    FLAGS_CLEARED(4, "flags.cleared"),
    FRAUD_REPORTS(5, "fraud.reports"),
    TOKEN_LINKS(6, "token.links"),
    CARDS_HELD(7, "cards.held"),
    CARD_EVICTIONS(8, "cards.evicted"),
    FLAGGED_CARD_EVICTIONS(9, "cards.evicted.flagged"),
    STAND_IN_DEADLINE(10, "standin.deadline"),
    STAND_IN_RING_FULL(11, "standin.ring-full"),
    STAND_IN_STOPPED(12, "standin.stopped"),
    STAND_IN_JOURNAL(13, "standin.journal"),
    /** Decisions the business logic made after their caller had been given a stand-in. */
    LATE_DECISIONS(14, "decisions.late"),
    CONTROL_EVENTS_REJECTED(15, "control.rejected"),
    /** Events whose processing threw; each distinct error is kept once in the engine's error log. */
    INTERNAL_ERRORS(16, "errors.internal"),
    JOURNAL_FAILURES(17, "journal.failures"),
    DECISION_JOURNAL_FAILURES(18, "journal.decisions.failures"),
    EVENTS_RECOVERED(19, "journal.recovered"),
    /** Entries in the flag store: flagged cards and the token links pinned to them. */
    FLAGS_HELD(20, "flags.held"),
    /** Flags or links the full flag store could not keep; each is still in force in its card's record. */
    FLAGS_REFUSED(21, "flags.refused"),
    /** Stand-in decisions that refused a flagged card instead of applying the stand-in policy. */
    STAND_IN_FLAGGED(22, "standin.flagged"),
    /** Retries (same merchant and request id, same content, within the window) given the first answer again. */
    RETRIES_ANSWERED(23, "retries.answered"),
    /** Reuses of a request id with different content within the window, declined 94. */
    RETRIES_REFUSED(24, "retries.refused"),
    /** Syncs of the input journal: one per batch of events under POWER_LOSS. */
    JOURNAL_SYNCS(25, "journal.syncs"),
    /** Times the engine thread waited for the async completions thread to take an outcome (its queue was full). */
    ASYNC_BACKPRESSURE(26, "async.backpressure"),
    /** Flags a model raised, lifted by a payment with strong customer authentication (chip and PIN, 3-D Secure). */
    FLAGS_CLEARED_BY_AUTHENTICATION(27, "flags.cleared.authenticated"),
    /** Authorizations taken back out of the velocity windows by a reversal. */
    REVERSALS(28, "reversals");

    private final int id;
    private final String label;

    EngineCounter(final int id, final String label) {
        this.id = id;
        this.label = label;
    }

    /** Stable across releases: a reader of a counters file identifies the counter by it. */
    public int id() {
        return id;
    }

    public String label() {
        return label;
    }
}
