package io.ringfence.synthetic;

import java.time.LocalDate;

/**
 * What to generate.
 *
 * @param cards     cardholders, one card at a time each
 * @param days      days of traffic
 * @param seed      the seed: the same configuration always gives the same traffic
 * @param firstDay  the first day (UTC)
 * @param fraudRate multiplier on every fraud story's daily case rate: 1 gives about 0.7% fraudulent authorizations
 */
public record GeneratorConfig(int cards, int days, long seed, LocalDate firstDay, double fraudRate) {
    public static final int CARDS_DEFAULT = 20_000;
    public static final long SEED_DEFAULT = 42L;
    /** Fewer cards than this cannot cast every scenario's parts. */
    public static final int CARDS_MINIMUM = 100;
    public static final LocalDate FIRST_DAY_DEFAULT = LocalDate.of(2025, 3, 3);
    public static final double FRAUD_RATE_DEFAULT = 1.0;
    public static final double FRAUD_RATE_MAXIMUM = 10.0;

    public GeneratorConfig {
        if (cards < CARDS_MINIMUM) {
            throw new IllegalArgumentException("cards must be at least " + CARDS_MINIMUM + ", was " + cards);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was " + days);
        }
        if (firstDay == null) {
            throw new IllegalArgumentException("firstDay is required");
        }
        if (!(fraudRate > 0 && fraudRate <= FRAUD_RATE_MAXIMUM)) {
            throw new IllegalArgumentException("fraudRate must be more than 0 and at most " + FRAUD_RATE_MAXIMUM
                + ", was " + fraudRate);
        }
    }

    /** At the default fraud rate. */
    public GeneratorConfig(final int cards, final int days, final long seed, final LocalDate firstDay) {
        this(cards, days, seed, firstDay, FRAUD_RATE_DEFAULT);
    }

    /** One day of traffic from the default first day. */
    public static GeneratorConfig oneDay(final int cards, final long seed) {
        return new GeneratorConfig(cards, 1, seed, FIRST_DAY_DEFAULT);
    }
}
