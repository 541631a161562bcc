package io.ringfence.tools.synthetic;

import java.time.LocalDate;

/**
 * What to generate.
 *
 * @param cards    cardholders, one card each
 * @param days     days of traffic
 * @param seed     the seed: the same configuration always gives the same traffic
 * @param firstDay the first day (UTC)
 */
public record GeneratorConfig(int cards, int days, long seed, LocalDate firstDay) {
    public static final int CARDS_DEFAULT = 20_000;
    public static final long SEED_DEFAULT = 42L;
    /** Fewer cards than this cannot cast every scenario's parts. */
    public static final int CARDS_MINIMUM = 100;
    public static final LocalDate FIRST_DAY_DEFAULT = LocalDate.of(2025, 3, 3);

    public GeneratorConfig {
        if (cards < CARDS_MINIMUM) {
            throw new IllegalArgumentException("cards must be at least " + CARDS_MINIMUM + ", was " + cards);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was " + days);
        }
        if (days > TrafficGenerator.maxDays(cards)) {
            throw new IllegalArgumentException(tooManyDays(cards, days));
        }
        if (firstDay == null) {
            throw new IllegalArgumentException("firstDay is required");
        }
    }

    /** Why {@code days} of traffic cannot come from {@code cards} cards. */
    static String tooManyDays(final int cards, final int days) {
        return days + " days is more than " + cards + " cards can give: each day's fraud stories take "
            + TrafficGenerator.cardholdersTakenPerDay(cards) + " cardholders for good, so at most "
            + TrafficGenerator.maxDays(cards) + " days (give more cards for more days)";
    }

    /** One day of traffic from the default first day. */
    public static GeneratorConfig oneDay(final int cards, final long seed) {
        return new GeneratorConfig(cards, 1, seed, FIRST_DAY_DEFAULT);
    }
}
