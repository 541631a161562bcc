package io.ringfence.api;

/** How the card data reached the acquirer (ISO 8583 field 22, simplified). */
public enum EntryMode {
    CHIP(true, false),
    CONTACTLESS(true, false),
    SWIPE(true, false),
    MANUAL(true, true),
    ECOMMERCE(false, true),
    MOTO(false, true),
    WALLET(true, true),
    /** Chip read and PIN verified in store: strong customer authentication. Appended: journals hold ordinals. */
    CHIP_AND_PIN(true, false),
    /** E-commerce whose 3-D Secure authentication succeeded: strong customer authentication. */
    ECOMMERCE_3DS(false, true);

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

    /**
     * The cardholder proved they hold the card: chip and PIN, or a 3-D Secure success. A thief with a stolen card or
     * its copied details has neither the PIN nor the cardholder's second factor, so this outweighs a model's suspicion.
     */
    public boolean isStrongCustomerAuthentication() {
        return this == CHIP_AND_PIN || this == ECOMMERCE_3DS;
    }

    /** Read from the card's chip, with or without a PIN. */
    public boolean readsChip() {
        return this == CHIP || this == CHIP_AND_PIN;
    }

    /** Swipe or key entry at a terminal: the magnetic stripe and manual fallbacks skimmers exploit. */
    public boolean isCardPresentFallback() {
        return this == SWIPE || this == MANUAL;
    }
}
