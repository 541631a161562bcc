package io.ringfence.synthetic;

import java.time.LocalDate;

/**
 * What the handbook profile generates: the Fraud Detection Handbook's simulated population (chapter 3.2), at any
 * size. {@link #published} is the configuration behind the handbook's own data set.
 *
 * @param customers customers, each with one card
 * @param terminals terminals, each its own merchant
 * @param days      days of traffic
 * @param seed      the seed: the same configuration always gives the same transactions
 * @param firstDay  the first day (UTC)
 */
public record HandbookConfig(int customers, int terminals, int days, long seed, LocalDate firstDay) {
    public static final int PUBLISHED_CUSTOMERS = 5_000;
    public static final int PUBLISHED_TERMINALS = 10_000;
    public static final int PUBLISHED_DAYS = 183;
    public static final LocalDate PUBLISHED_FIRST_DAY = LocalDate.of(2018, 4, 1);
    /** Enough to compromise three customers and two terminals a day. */
    public static final int MINIMUM_SIZE = 3;
    /**
     * Customer-days the simulator holds at once: it keeps every transaction in memory (about 2 per customer-day, 30
     * bytes each), because a compromised customer's fraud is a third of fourteen days of transactions.
     */
    public static final long MAXIMUM_CUSTOMER_DAYS = 4_000_000L;

    public HandbookConfig {
        if (customers < MINIMUM_SIZE || terminals < MINIMUM_SIZE) {
            throw new IllegalArgumentException("customers and terminals must be at least " + MINIMUM_SIZE + ", were "
                + customers + " and " + terminals);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was " + days);
        }
        if ((long)customers * days > MAXIMUM_CUSTOMER_DAYS) {
            throw new IllegalArgumentException("customers times days must be at most " + MAXIMUM_CUSTOMER_DAYS
                + ", was " + (long)customers * days);
        }
        if (firstDay == null) {
            throw new IllegalArgumentException("firstDay is required");
        }
    }

    /** The handbook's own size and first day, with another seed. */
    public static HandbookConfig published(final long seed) {
        return new HandbookConfig(PUBLISHED_CUSTOMERS, PUBLISHED_TERMINALS, PUBLISHED_DAYS, seed, PUBLISHED_FIRST_DAY);
    }
}
