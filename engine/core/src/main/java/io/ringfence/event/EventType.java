package io.ringfence.event;

/** The kinds of event that travel the ring. */
public enum EventType {
    AUTHORIZE,
    REPORT_FRAUD,
    CLEAR_FLAG,
    LINK_TOKEN,
    /** Read-only question to the business logic (state digest, state dump), answered in ring order. */
    QUERY,
    /**
     * Switches the business logic to another scorer (a trained model) at this event's sequence: every
     * authorization sequenced after it is scored by the new model. Journaled with the model's version, serving-file
     * path and SHA-256, so replay switches at the same place.
     */
    LOAD_MODEL,
    /**
     * Puts a compiled rules file in force at this event's sequence. Journaled with the file's path and SHA-256, so
     * replay recompiles the same file and switches at the same place.
     */
    LOAD_RULES,
    /** Adds an item (as its key) to a list of the rules in force. */
    LIST_ADD,
    /** Removes an item (as its key) from a list of the rules in force. */
    LIST_REMOVE,
    /**
     * Undoes an authorization the acquirer reversed (ISO 8583 0400/0420), named by its merchant and request id: its
     * count and amount leave the card's, merchant's and terminal's velocity windows that still hold them.
     */
    REVERSE
}
