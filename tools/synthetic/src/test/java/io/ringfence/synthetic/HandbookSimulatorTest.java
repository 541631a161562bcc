package io.ringfence.synthetic;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handbook profile against the statistics the handbook publishes for its own simulated data set (5,000
 * customers, 10,000 terminals, 183 days): 1,754,155 transactions, 14,681 frauds (0.84%), of which 973 from
 * scenario 1, 9,077 from scenario 2 and 4,631 from scenario 3. Another random stream gives other draws, so each
 * figure is checked within a band a few standard deviations wide.
 */
class HandbookSimulatorTest {
    private static final long PUBLISHED_TRANSACTIONS = 1_754_155;
    private static final long PUBLISHED_FRAUDS = 14_681;
    private static final long PUBLISHED_LARGE_AMOUNT = 973;
    private static final long PUBLISHED_COMPROMISED_TERMINAL = 9_077;
    private static final long PUBLISHED_COMPROMISED_CUSTOMER = 4_631;
    private static final long DAY_MILLIS = 86_400_000L;

    private static HandbookTraffic published;
    private static List<HandbookTransaction> transactions;

    @BeforeAll
    static void simulateThePublishedConfiguration() {
        published = HandbookSimulator.generate(HandbookConfig.published(1));
        transactions = new ArrayList<>(published.size());
        published.forEach(transactions::add);
    }

    @Test
    void volumeAndTransactionsPerDayAreThePublishedOnes() {
        assertWithin(PUBLISHED_TRANSACTIONS, published.size(), 0.03, "transactions");
        final long[] perDay = new long[HandbookConfig.PUBLISHED_DAYS];
        for (final HandbookTransaction t : transactions) {
            perDay[day(t)]++;
        }
        for (int d = 0; d < perDay.length; d++) {
            assertWithin(PUBLISHED_TRANSACTIONS / HandbookConfig.PUBLISHED_DAYS, perDay[d], 0.06, "day " + d);
        }
    }

    @Test
    void fraudRateAndScenarioSharesAreThePublishedOnes() {
        final Map<HandbookScenario, Long> counts = published.countsByScenario();
        assertWithin(PUBLISHED_FRAUDS, published.frauds(), 0.10, "frauds");
        final double rate = (double)published.frauds() / published.size();
        assertTrue(rate > 0.0075 && rate < 0.0093, "fraud rate " + rate + ", published 0.0084");
        assertWithin(PUBLISHED_LARGE_AMOUNT, counts.get(HandbookScenario.LARGE_AMOUNT), 0.25, "scenario 1");
        assertWithin(PUBLISHED_COMPROMISED_TERMINAL, counts.get(HandbookScenario.COMPROMISED_TERMINAL), 0.15,
            "scenario 2");
        assertWithin(PUBLISHED_COMPROMISED_CUSTOMER, counts.get(HandbookScenario.COMPROMISED_CUSTOMER), 0.15,
            "scenario 3");
    }

    @Test
    void timesAreInOrderAroundNoonAndEveryAmountIsPositiveOrZero() {
        long previous = Long.MIN_VALUE;
        double secondsOfDay = 0;
        for (final HandbookTransaction t : transactions) {
            assertTrue(t.timeMillis() >= previous, "out of time order at " + t.number());
            previous = t.timeMillis();
            assertTrue(t.amountCents() >= 0, "negative amount at " + t.number());
            secondsOfDay += Math.floorMod(t.timeMillis(), DAY_MILLIS) / 1000.0;
        }
        final double meanHour = secondsOfDay / transactions.size() / 3600;
        assertTrue(Math.abs(meanHour - 12.0) < 0.1, "mean time of day " + meanHour + " h");
    }

    @Test
    void eachScenarioMarksWhatItDescribes() {
        final Set<Integer> terminalsOnTheFirstDay = new HashSet<>();
        final Set<Integer> customersOnTheFirstDay = new HashSet<>();
        final int[] usualCustomer = new int[HandbookConfig.PUBLISHED_TERMINALS];
        for (final HandbookTransaction t : transactions) {
            if (t.scenario() == HandbookScenario.LARGE_AMOUNT) {
                assertTrue(t.amountCents() > HandbookSimulator.LARGE_AMOUNT_CENTS, "scenario 1 at " + t.number());
            }
            if (day(t) == 0 && t.scenario() == HandbookScenario.COMPROMISED_TERMINAL) {
                terminalsOnTheFirstDay.add(t.terminal());
            }
            if (day(t) == 0 && t.scenario() == HandbookScenario.COMPROMISED_CUSTOMER) {
                customersOnTheFirstDay.add(t.customer());
            }
            usualCustomer[t.terminal()]++;
        }
        assertTrue(terminalsOnTheFirstDay.size() <= HandbookSimulator.TERMINALS_COMPROMISED_PER_DAY,
            "terminals with fraud on the first day: " + terminalsOnTheFirstDay);
        assertTrue(customersOnTheFirstDay.size() <= HandbookSimulator.CUSTOMERS_COMPROMISED_PER_DAY,
            "customers with fraud on the first day: " + customersOnTheFirstDay);
        final long idleTerminals = java.util.Arrays.stream(usualCustomer).filter(n -> n == 0).count();
        assertTrue(idleTerminals < HandbookConfig.PUBLISHED_TERMINALS / 100,
            "terminals nobody within reach uses: " + idleTerminals);
    }

    @Test
    void aCompromisedTerminalsTransactionsAreAllFraudWhileItLasts() {
        final Map<Integer, Long> fraudFrom = new java.util.HashMap<>();
        for (final HandbookTransaction t : transactions) {
            if (t.scenario() == HandbookScenario.COMPROMISED_TERMINAL) {
                fraudFrom.putIfAbsent(t.terminal(), t.timeMillis());
            }
        }
        long checked = 0;
        for (final HandbookTransaction t : transactions) {
            final Long from = fraudFrom.get(t.terminal());
            if (from != null && t.timeMillis() >= from && day(t) == (int)((from - firstMillis()) / DAY_MILLIS)) {
                assertTrue(t.fraud(), "a transaction at a terminal compromised that day is fraud: " + t.number());
                checked++;
            }
        }
        assertTrue(checked > 100, "checked " + checked);
    }

    @Test
    void theSameSeedGivesTheSameTransactionsAndAnotherSeedOthers() {
        final HandbookConfig small = new HandbookConfig(300, 600, 20, 5, LocalDate.of(2018, 4, 1));
        final List<HandbookTransaction> first = all(HandbookSimulator.generate(small));
        assertEquals(first, all(HandbookSimulator.generate(small)));
        assertNotEquals(first, all(HandbookSimulator.generate(new HandbookConfig(300, 600, 20, 6,
            LocalDate.of(2018, 4, 1)))));
    }

    @Test
    void aPopulationTooLargeToHoldIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HandbookConfig(1_000_000, 10, 5, 1,
            LocalDate.of(2018, 4, 1)));
        assertThrows(IllegalArgumentException.class, () -> new HandbookConfig(2, 10, 5, 1, LocalDate.of(2018, 4, 1)));
    }

    private static List<HandbookTransaction> all(final HandbookTraffic traffic) {
        final List<HandbookTransaction> out = new ArrayList<>();
        traffic.forEach(out::add);
        return out;
    }

    private static long firstMillis() {
        return HandbookConfig.PUBLISHED_FIRST_DAY.toEpochDay() * DAY_MILLIS;
    }

    private static int day(final HandbookTransaction t) {
        return (int)((t.timeMillis() - firstMillis()) / DAY_MILLIS);
    }

    private static void assertWithin(final long expected, final long actual, final double tolerance,
                                     final String what) {
        assertTrue(Math.abs(actual - expected) <= tolerance * expected,
            what + ": " + actual + ", published " + expected + " (within " + Math.round(tolerance * 100) + "%)");
    }
}
