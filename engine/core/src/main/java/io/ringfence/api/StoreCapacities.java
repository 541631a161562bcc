package io.ringfence.api;

/**
 * How many cards, merchants, terminals and token links the engine's off-heap stores hold. The stores are sized once,
 * at start: nothing grows while the engine runs, and a full store evicts its least recently seen entry.
 *
 * @param cards     card histories
 * @param merchants merchant histories
 * @param terminals terminal histories
 * @param tokens    token-to-card links
 */
public record StoreCapacities(int cards, int merchants, int terminals, int tokens) {
    public static final int CARDS_DEFAULT = 1_000_000;
    public static final int MERCHANTS_DEFAULT = 100_000;
    public static final int TERMINALS_DEFAULT = 250_000;
    public static final int TOKENS_DEFAULT = 100_000;
    /** The engine's defaults: a million cards. */
    public static final StoreCapacities DEFAULT =
        new StoreCapacities(CARDS_DEFAULT, MERCHANTS_DEFAULT, TERMINALS_DEFAULT, TOKENS_DEFAULT);

    /** @throws IllegalArgumentException naming the first capacity that is not positive */
    public StoreCapacities {
        requirePositive("cardCapacity", cards);
        requirePositive("merchantCapacity", merchants);
        requirePositive("terminalCapacity", terminals);
        requirePositive("tokenCapacity", tokens);
    }

    public StoreCapacities withCards(final int cards) {
        return new StoreCapacities(cards, merchants, terminals, tokens);
    }

    public StoreCapacities withMerchants(final int merchants) {
        return new StoreCapacities(cards, merchants, terminals, tokens);
    }

    public StoreCapacities withTerminals(final int terminals) {
        return new StoreCapacities(cards, merchants, terminals, tokens);
    }

    public StoreCapacities withTokens(final int tokens) {
        return new StoreCapacities(cards, merchants, terminals, tokens);
    }

    private static void requirePositive(final String name, final int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
