package io.ringfence.synthetic;

import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * The Fraud Detection Handbook's transaction simulator (chapter 3.2), re-implemented from its published description.
 *
 * <p><b>Population.</b> Customers and terminals sit at uniform random places on a 100 × 100 grid. A customer uses
 * the terminals within distance {@value #RADIUS} of home, each equally; spends a mean amount uniform in [5, 100) with
 * a standard deviation of half that; and makes a mean number of transactions a day uniform in [0, 4).
 *
 * <p><b>Transactions.</b> Each day, each customer makes a Poisson number of transactions at that mean. Each one's
 * time of day is normal around noon (standard deviation 20,000 s), and one that falls outside its day is not made;
 * its amount is normal with the customer's mean and deviation, drawn again uniformly in [0, 2 × mean) when negative,
 * in whole cents; its terminal is one of the customer's, and a customer with none makes no transactions.
 *
 * <p><b>Fraud</b>, in the handbook's order (a later scenario relabels a transaction an earlier one marked):
 * <ol>
 *   <li>every transaction above 220.00 is fraud;</li>
 *   <li>each day, two terminals picked at random are compromised: all their transactions that day and the next
 *       {@value #TERMINAL_COMPROMISE_DAYS} − 1 days are fraud;</li>
 *   <li>each day, three customers picked at random are compromised: of their transactions that day and the next
 *       {@value #CUSTOMER_COMPROMISE_DAYS} − 1 days, a third (rounded down, picked at random) are fraud, at five
 *       times their amount.</li>
 * </ol>
 *
 * <p>The handbook's data set (5,000 customers, 10,000 terminals, 183 days) has 1,754,155 transactions, 14,681 of
 * them fraud (0.84%): 973 from scenario 1, 9,077 from scenario 2 and 4,631 from scenario 3. This simulator draws from
 * its own random streams, so it matches those figures in distribution, not transaction for transaction.
 *
 * <p>Deterministic: everything is drawn from one seeded {@link RandomDraws}. Every transaction is held in memory
 * (scenario 3 looks two weeks ahead), in primitive arrays.
 */
public final class HandbookSimulator {
    public static final double GRID = 100.0;
    public static final double RADIUS = 5.0;
    public static final double MIN_MEAN_AMOUNT = 5.0;
    public static final double MAX_MEAN_AMOUNT = 100.0;
    public static final double MAX_MEAN_TRANSACTIONS_PER_DAY = 4.0;
    public static final int SECONDS_PER_DAY = 86_400;
    public static final double TIME_OF_DAY_STD_SECONDS = 20_000.0;
    public static final long LARGE_AMOUNT_CENTS = 22_000;
    public static final int TERMINALS_COMPROMISED_PER_DAY = 2;
    public static final int TERMINAL_COMPROMISE_DAYS = 28;
    public static final int CUSTOMERS_COMPROMISED_PER_DAY = 3;
    public static final int CUSTOMER_COMPROMISE_DAYS = 14;
    public static final int COMPROMISED_AMOUNT_FACTOR = 5;

    private HandbookSimulator() {
    }

    /** Simulates the population and its transactions, frauds labelled. */
    public static HandbookTraffic generate(final HandbookConfig config) {
        final RandomDraws root = new RandomDraws(config.seed());
        final Customers customers = Customers.draw(config.customers(), root.split());
        final double[][] terminalPlaces = places(config.terminals(), root.split());
        final int[][] reachable = reachableTerminals(customers, terminalPlaces);
        final Transactions transactions = simulate(config, customers, reachable, root.split());
        labelLargeAmounts(transactions);
        compromiseTerminals(config, transactions, root.split());
        compromiseCustomers(config, transactions, root.split());
        final long firstDayMillis = config.firstDay().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        return new HandbookTraffic(config, firstDayMillis, transactions.size, transactions.seconds,
            transactions.customer, transactions.terminal, transactions.amountCents, transactions.scenario);
    }

    /** The profiles that drive a customer's spending. */
    private record Customers(double[][] places, double[] meanAmount, double[] meanPerDay) {
        static Customers draw(final int count, final RandomDraws random) {
            final double[][] places = new double[count][2];
            final double[] meanAmount = new double[count];
            final double[] meanPerDay = new double[count];
            for (int c = 0; c < count; c++) {
                places[c][0] = random.between(0.0, GRID);
                places[c][1] = random.between(0.0, GRID);
                meanAmount[c] = random.between(MIN_MEAN_AMOUNT, MAX_MEAN_AMOUNT);
                meanPerDay[c] = random.between(0.0, MAX_MEAN_TRANSACTIONS_PER_DAY);
            }
            return new Customers(places, meanAmount, meanPerDay);
        }
    }

    private static double[][] places(final int count, final RandomDraws random) {
        final double[][] places = new double[count][2];
        for (final double[] place : places) {
            place[0] = random.between(0.0, GRID);
            place[1] = random.between(0.0, GRID);
        }
        return places;
    }

    /** For each customer, the terminals strictly within {@link #RADIUS}, in terminal order. */
    private static int[][] reachableTerminals(final Customers customers, final double[][] terminals) {
        final int[][] reachable = new int[customers.places().length][];
        final int[] found = new int[terminals.length];
        for (int c = 0; c < reachable.length; c++) {
            final double x = customers.places()[c][0];
            final double y = customers.places()[c][1];
            int count = 0;
            for (int t = 0; t < terminals.length; t++) {
                final double dx = terminals[t][0] - x;
                final double dy = terminals[t][1] - y;
                if (dx * dx + dy * dy < RADIUS * RADIUS) {
                    found[count++] = t;
                }
            }
            reachable[c] = Arrays.copyOf(found, count);
        }
        return reachable;
    }

    private static Transactions simulate(final HandbookConfig config, final Customers customers,
                                         final int[][] reachable, final RandomDraws random) {
        final Transactions all = new Transactions(config.customers() * 2 * config.days());
        final Transactions day = new Transactions(config.customers() * 4);
        for (int d = 0; d < config.days(); d++) {
            day.size = 0;
            final RandomDraws dayRandom = random.split();
            for (int c = 0; c < config.customers(); c++) {
                if (reachable[c].length == 0) {
                    continue;
                }
                final double mean = customers.meanAmount()[c];
                final int count = dayRandom.poisson(customers.meanPerDay()[c]);
                for (int k = 0; k < count; k++) {
                    final long second = (long)Math.floor(SECONDS_PER_DAY / 2.0
                        + TIME_OF_DAY_STD_SECONDS * dayRandom.gaussian());
                    double amount = mean + mean / 2.0 * dayRandom.gaussian();
                    if (amount < 0) {
                        amount = dayRandom.between(0.0, 2.0 * mean);
                    }
                    final int terminal = reachable[c][dayRandom.below(reachable[c].length)];
                    if (second > 0 && second < SECONDS_PER_DAY) {
                        day.add((long)d * SECONDS_PER_DAY + second, c, terminal, Math.round(amount * 100.0));
                    }
                }
            }
            day.sortByTime();
            all.addAll(day);
        }
        return all;
    }

    private static void labelLargeAmounts(final Transactions transactions) {
        for (int i = 0; i < transactions.size; i++) {
            if (transactions.amountCents[i] > LARGE_AMOUNT_CENTS) {
                transactions.scenario[i] = (byte)HandbookScenario.LARGE_AMOUNT.ordinal();
            }
        }
    }

    /** Transactions are in time order, so a day's transactions follow the terminals compromised by that day. */
    private static void compromiseTerminals(final HandbookConfig config, final Transactions transactions,
                                            final RandomDraws random) {
        final int[] compromisedUntilDay = new int[config.terminals()];
        int i = 0;
        for (int d = 0; d < config.days(); d++) {
            for (final int terminal : distinct(TERMINALS_COMPROMISED_PER_DAY, config.terminals(), random)) {
                compromisedUntilDay[terminal] = Math.max(compromisedUntilDay[terminal], d + TERMINAL_COMPROMISE_DAYS);
            }
            final long dayEnd = (long)(d + 1) * SECONDS_PER_DAY;
            for (; i < transactions.size && transactions.seconds[i] < dayEnd; i++) {
                if (compromisedUntilDay[transactions.terminal[i]] > d) {
                    transactions.scenario[i] = (byte)HandbookScenario.COMPROMISED_TERMINAL.ordinal();
                }
            }
        }
    }

    private static void compromiseCustomers(final HandbookConfig config, final Transactions transactions,
                                            final RandomDraws random) {
        final int[][] byCustomer = transactions.indicesByCustomer(config.customers());
        for (int d = 0; d < config.days(); d++) {
            final long from = (long)d * SECONDS_PER_DAY;
            final long to = (long)(d + CUSTOMER_COMPROMISE_DAYS) * SECONDS_PER_DAY;
            for (final int customer : distinct(CUSTOMERS_COMPROMISED_PER_DAY, config.customers(), random)) {
                final int[] own = byCustomer[customer];
                final int first = firstAtOrAfter(own, transactions.seconds, from);
                final int end = firstAtOrAfter(own, transactions.seconds, to);
                final int[] window = Arrays.copyOfRange(own, first, end);
                final int frauds = window.length / 3;
                for (int k = 0; k < frauds; k++) {
                    final int pick = k + random.below(window.length - k);
                    final int chosen = window[pick];
                    window[pick] = window[k];
                    window[k] = chosen;
                    transactions.amountCents[chosen] *= COMPROMISED_AMOUNT_FACTOR;
                    transactions.scenario[chosen] = (byte)HandbookScenario.COMPROMISED_CUSTOMER.ordinal();
                }
            }
        }
    }

    /** {@code count} distinct values in [0, bound), in the order drawn. */
    private static int[] distinct(final int count, final int bound, final RandomDraws random) {
        final int[] picked = new int[count];
        for (int k = 0; k < count; k++) {
            boolean fresh;
            do {
                picked[k] = random.below(bound);
                fresh = true;
                for (int j = 0; j < k; j++) {
                    fresh &= picked[j] != picked[k];
                }
            } while (!fresh);
        }
        return picked;
    }

    /** The first position in {@code indices} (time-ordered transaction indices) at or after {@code second}. */
    private static int firstAtOrAfter(final int[] indices, final long[] seconds, final long second) {
        int low = 0;
        int high = indices.length;
        while (low < high) {
            final int middle = (low + high) >>> 1;
            if (seconds[indices[middle]] < second) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** Growable columns of transactions; times in seconds from the first day's start. */
    private static final class Transactions {
        int size;
        long[] seconds;
        int[] customer;
        int[] terminal;
        long[] amountCents;
        byte[] scenario;

        Transactions(final int capacity) {
            final int initial = Math.max(16, capacity);
            seconds = new long[initial];
            customer = new int[initial];
            terminal = new int[initial];
            amountCents = new long[initial];
            scenario = new byte[initial];
        }

        void add(final long second, final int customerIndex, final int terminalIndex, final long cents) {
            ensure(size + 1);
            seconds[size] = second;
            customer[size] = customerIndex;
            terminal[size] = terminalIndex;
            amountCents[size] = cents;
            size++;
        }

        void addAll(final Transactions other) {
            ensure(size + other.size);
            System.arraycopy(other.seconds, 0, seconds, size, other.size);
            System.arraycopy(other.customer, 0, customer, size, other.size);
            System.arraycopy(other.terminal, 0, terminal, size, other.size);
            System.arraycopy(other.amountCents, 0, amountCents, size, other.size);
            size += other.size;
        }

        /** A stable sort by time: transactions in the same second keep the order they were made in. */
        void sortByTime() {
            final Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(seconds[a], seconds[b]));
            final long[] s = new long[size];
            final int[] c = new int[size];
            final int[] t = new int[size];
            final long[] a = new long[size];
            for (int i = 0; i < size; i++) {
                s[i] = seconds[order[i]];
                c[i] = customer[order[i]];
                t[i] = terminal[order[i]];
                a[i] = amountCents[order[i]];
            }
            System.arraycopy(s, 0, seconds, 0, size);
            System.arraycopy(c, 0, customer, 0, size);
            System.arraycopy(t, 0, terminal, 0, size);
            System.arraycopy(a, 0, amountCents, 0, size);
        }

        /** Each customer's transaction indices, in time order. */
        int[][] indicesByCustomer(final int customers) {
            final int[] counts = new int[customers];
            for (int i = 0; i < size; i++) {
                counts[customer[i]]++;
            }
            final int[][] indices = new int[customers][];
            for (int c = 0; c < customers; c++) {
                indices[c] = new int[counts[c]];
                counts[c] = 0;
            }
            for (int i = 0; i < size; i++) {
                indices[customer[i]][counts[customer[i]]++] = i;
            }
            return indices;
        }

        private void ensure(final int needed) {
            if (needed > seconds.length) {
                final int capacity = Math.max(needed, seconds.length + (seconds.length >> 1));
                seconds = Arrays.copyOf(seconds, capacity);
                customer = Arrays.copyOf(customer, capacity);
                terminal = Arrays.copyOf(terminal, capacity);
                amountCents = Arrays.copyOf(amountCents, capacity);
                scenario = Arrays.copyOf(scenario, capacity);
            }
        }
    }
}
