package io.ringfence.event;

/** The kinds of event that travel the ring. */
public enum EventType {
    AUTHORIZE,
    REPORT_FRAUD,
    CLEAR_FLAG,
    LINK_TOKEN,
    /** Read-only question to the business logic (state digest, state dump), answered in ring order. */
    QUERY
}
