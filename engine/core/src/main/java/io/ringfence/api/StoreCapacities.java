package io.ringfence.api;

/**
 * How many cards, merchants, terminals, token links and flags the engine's stores hold. The stores are sized once, at
 * start: nothing grows while the engine runs. A full history or token store evicts its least recently seen entry; the
 * flag store never evicts: a flag that does not fit is counted ({@code flags.refused}) and logged, and the engine
 * still refuses the payment that raised it.
 *
 * @param cards     card histories
 * @param merchants merchant histories
 * @param terminals terminal histories
 * @param tokens    token-to-card links
 * @param flags     flagged cards, and token links that lead to one
 * @param requests  recently decided requests, by merchant and request id, so a retry gets the first answer
 */
public record StoreCapacities(int cards, int merchants, int terminals, int tokens, int flags, int requests) {
    public static final int CARDS_DEFAULT = 1_000_000;
    public static final int MERCHANTS_DEFAULT = 100_000;
    public static final int TERMINALS_DEFAULT = 250_000;
    public static final int TOKENS_DEFAULT = 100_000;
    /** A quarter of a million flagged cards and links: about 21 MB of heap. */
    public static final int FLAGS_DEFAULT = 250_000;
    /** A million requests: a day at about 12 a second; a retry of an older one is scored again. */
    public static final int REQUESTS_DEFAULT = 1_000_000;
    /** The engine's defaults: a million cards. */
    public static final StoreCapacities DEFAULT = new StoreCapacities(CARDS_DEFAULT, MERCHANTS_DEFAULT,
        TERMINALS_DEFAULT, TOKENS_DEFAULT, FLAGS_DEFAULT, REQUESTS_DEFAULT);

    /** @throws IllegalArgumentException naming the first capacity that is not positive */
    public StoreCapacities {
        requirePositive("cardCapacity", cards);
        requirePositive("merchantCapacity", merchants);
        requirePositive("terminalCapacity", terminals);
        requirePositive("tokenCapacity", tokens);
        requirePositive("flagCapacity", flags);
        requirePositive("requestCapacity", requests);
    }

    /**
     * Card-not-present identifiers (devices, IP addresses, e-mails) with the cards each was used with over the last
     * day: as many as cards, since a day's online payments name far fewer identifiers than a card store holds cards
     * (and the least recently seen goes first, when full). 60 bytes each, plus the index.
     */
    public int identifiers() {
        return cards;
    }

    public StoreCapacities withCards(final int cards) {
        return new StoreCapacities(cards, merchants, terminals, tokens, flags, requests);
    }

    public StoreCapacities withMerchants(final int merchants) {
        return new StoreCapacities(cards, merchants, terminals, tokens, flags, requests);
    }

    public StoreCapacities withTerminals(final int terminals) {
        return new StoreCapacities(cards, merchants, terminals, tokens, flags, requests);
    }

    public StoreCapacities withTokens(final int tokens) {
        return new StoreCapacities(cards, merchants, terminals, tokens, flags, requests);
    }

    public StoreCapacities withFlags(final int flags) {
        return new StoreCapacities(cards, merchants, terminals, tokens, flags, requests);
    }

    public StoreCapacities withRequests(final int requests) {
        return new StoreCapacities(cards, merchants, terminals, tokens, flags, requests);
    }

    private static void requirePositive(final String name, final int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
