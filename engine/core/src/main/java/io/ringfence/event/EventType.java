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
    LOAD_MODEL
}
