package io.ringfence.api;

/** Where the card is: in store (card-present) or remote (card-not-present). */
public enum Channel {
    /** Card-present: a physical terminal read the card or a wallet at the point of sale. */
    CP,
    /** Card-not-present: e-commerce, mail or telephone order, in-app wallet. */
    CNP
}
