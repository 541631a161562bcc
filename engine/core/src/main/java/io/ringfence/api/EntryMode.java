package io.ringfence.api;

/** How the card data reached the acquirer (ISO 8583 field 22, simplified). */
public enum EntryMode {
    CHIP(true, false),
    CONTACTLESS(true, false),
    SWIPE(true, false),
    MANUAL(true, true),
    ECOMMERCE(false, true),
    MOTO(false, true),
    WALLET(true, true);

    private final boolean allowedCardPresent;
    private final boolean allowedCardNotPresent;

    EntryMode(final boolean allowedCardPresent, final boolean allowedCardNotPresent) {
        this.allowedCardPresent = allowedCardPresent;
        this.allowedCardNotPresent = allowedCardNotPresent;
    }

    /** Whether this entry mode can occur on the given channel (a chip read is never card-not-present). */
    public boolean isAllowedOn(final Channel channel) {
        return channel == Channel.CP ? allowedCardPresent : allowedCardNotPresent;
    }

    /** Swipe or key entry at a terminal: the magnetic stripe and manual fallbacks skimmers exploit. */
    public boolean isCardPresentFallback() {
        return this == SWIPE || this == MANUAL;
    }
}
