package io.ringfence.event;

/** Questions the business logic answers in ring order, so the answer reflects every earlier event. */
public enum QueryKind {
    STATE_DIGEST,
    STATE_DUMP,
    CARD_COUNT
}
