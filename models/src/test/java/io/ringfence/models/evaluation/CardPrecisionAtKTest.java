package io.ringfence.models.evaluation;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static io.ringfence.models.evaluation.Tx.on;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Card precision@k with the daily removal rule, against a hand-computed three-day case with k = 2. */
class CardPrecisionAtKTest {
    private static final double EPS = 1e-12;
    private static final LocalDate DAY1 = LocalDate.parse("2024-01-01");
    private static final LocalDate DAY2 = LocalDate.parse("2024-01-02");
    private static final LocalDate DAY3 = LocalDate.parse("2024-01-03");
    private static final LocalDate DAY4 = LocalDate.parse("2024-01-04");

    /**
     * k = 2, card k1 known compromised from the start (excluded every day).
     * <pre>
     * day 1: a 0.3F and 0.9G (daily max 0.9, fraudulent), b 0.8F, c 0.7F, k1 0.95F
     *        ranked a, b, c; top 2 = a, b, both fraudulent -> 2/2 = 1.0; a and b detected.
     *        c is fraudulent but outside the top 2: not detected, stays.
     * day 2: a 0.99F and b 0.5G (both dropped: detected on day 1), f 0.7G, c 0.6F, d 0.6G, e 0.2F, k1 0.9F
     *        ranked f, c, d, e (c and d tie at 0.6: card id order puts c first); top 2 = f, c -> 1/2 = 0.5;
     *        c detected. (With d before c it would be 0/2.)
     * day 3: c 0.9F (dropped), a 0.8G (dropped), e 0.3F, k1 0.5G
     *        ranked e alone; top = e, fraudulent -> 1/2 = 0.5 (divided by k, not by the 1 card ranked).
     *        Without the removal, c and a would have been the top 2 -> 1/2 for other reasons.
     * mean = (1.0 + 0.5 + 0.5) / 3 = 2/3
     * </pre>
     */
    private static List<ScoredTransaction> threeDays() {
        return List.of(
            on("2024-01-01", "a", 0.3, true), on("2024-01-01", "a", 0.9, false), on("2024-01-01", "b", 0.8, true),
            on("2024-01-01", "c", 0.7, true), on("2024-01-01", "k1", 0.95, true),
            on("2024-01-02", "a", 0.99, true), on("2024-01-02", "b", 0.5, false), on("2024-01-02", "f", 0.7, false),
            on("2024-01-02", "d", 0.6, false), on("2024-01-02", "c", 0.6, true), on("2024-01-02", "e", 0.2, true),
            on("2024-01-02", "k1", 0.9, true),
            on("2024-01-03", "c", 0.9, true), on("2024-01-03", "a", 0.8, false), on("2024-01-03", "e", 0.3, true),
            on("2024-01-03", "k1", 0.5, false));
    }

    @Test
    void detectedCardsLeaveLaterDaysAndKnownCardsLeaveEveryDay() {
        final CardPrecisionAtK.Result result = CardPrecisionAtK.compute(threeDays(), 2, Set.of("k1"));
        assertEquals(2, result.k());
        assertEquals(2.0 / 3.0, result.mean(), EPS);
        assertEquals(3, result.days().size());

        final CardPrecisionAtK.Day day1 = result.days().get(0);
        assertEquals(DAY1, day1.day());
        assertEquals(1.0, day1.precision(), EPS);
        assertEquals(List.of("a", "b"), day1.topCards());
        assertEquals(Set.of("a", "b"), day1.detectedCards());
        assertEquals(3, day1.rankedCards());
        assertEquals(3, day1.fraudulentCards());

        final CardPrecisionAtK.Day day2 = result.days().get(1);
        assertEquals(DAY2, day2.day());
        assertEquals(0.5, day2.precision(), EPS);
        assertEquals(List.of("f", "c"), day2.topCards());
        assertEquals(Set.of("c"), day2.detectedCards());
        assertEquals(4, day2.rankedCards());
        assertEquals(2, day2.fraudulentCards());

        final CardPrecisionAtK.Day day3 = result.days().get(2);
        assertEquals(DAY3, day3.day());
        assertEquals(0.5, day3.precision(), EPS);
        assertEquals(List.of("e"), day3.topCards());
        assertEquals(1, day3.rankedCards());
    }

    @Test
    void withoutKnownCardsTheKnownCardCompetesForTheTop() {
        // k1 now ranks: day 1 k1 0.95F, a 0.9 -> top k1, a: 2/2; k1 and a detected.
        // day 2: f 0.7G, c 0.6F, d 0.6G, e 0.2F, b 0.5G (b no longer detected) -> top f, c: 1/2; c detected.
        // day 3: e 0.3F alone (c, a, k1 detected) -> 1/2. Mean 2/3 again, but day 1's top differs.
        final CardPrecisionAtK.Result result = CardPrecisionAtK.compute(threeDays(), 2);
        assertEquals(List.of("k1", "a"), result.days().get(0).topCards());
        assertEquals(List.of("f", "c"), result.days().get(1).topCards());
        assertEquals(List.of("e"), result.days().get(2).topCards());
        assertEquals(2.0 / 3.0, result.mean(), EPS);
    }

    @Test
    void theResultDoesNotDependOnInputOrder() {
        final List<ScoredTransaction> shuffled = new ArrayList<>(threeDays());
        for (int seed = 0; seed < 20; seed++) {
            Collections.shuffle(shuffled, new Random(seed));
            assertEquals(CardPrecisionAtK.compute(threeDays(), 2, Set.of("k1")),
                CardPrecisionAtK.compute(shuffled, 2, Set.of("k1")));
        }
    }

    @Test
    void aDayWhoseCardsWereAllDetectedCountsAsZero() {
        // Day 4: only card a, detected on day 1 -> nothing ranked -> 0/2. Mean (1 + 0.5 + 0.5 + 0) / 4 = 0.5.
        final List<ScoredTransaction> transactions = new ArrayList<>(threeDays());
        transactions.add(on("2024-01-04", "a", 0.9, true));
        final CardPrecisionAtK.Result result = CardPrecisionAtK.compute(transactions, 2, Set.of("k1"));
        assertEquals(4, result.days().size());
        assertEquals(0.0, result.days().get(3).precision(), EPS);
        assertEquals(0, result.days().get(3).rankedCards());
        assertEquals(0.5, result.mean(), EPS);
    }

    @Test
    void overAnExplicitPeriodAnEmptyDayCountsAsZero() {
        // Days present only: 3 days, mean 2/3 (the handbook iterates over the days of its test set).
        // Period 2024-01-01 to 2024-01-05 (exclusive): day 4 has no transaction -> 0. Mean (1 + 0.5 + 0.5 + 0) / 4.
        final CardPrecisionAtK.Result result = CardPrecisionAtK.compute(threeDays(), 2, Set.of("k1"), DAY1,
            LocalDate.parse("2024-01-05"));
        assertEquals(4, result.days().size());
        assertEquals(DAY4, result.days().get(3).day());
        assertEquals(0.0, result.days().get(3).precision(), EPS);
        assertEquals(List.of(), result.days().get(3).topCards());
        assertEquals(0.5, result.mean(), EPS);
    }

    @Test
    void fewerCardsThanKStillDivideByK() {
        // One day, k = 100, three cards of which two are fraudulent: 2/100, not 2/3.
        final List<ScoredTransaction> transactions = List.of(on("2024-01-01", "x", 0.1, true),
            on("2024-01-01", "y", 0.2, false), on("2024-01-01", "z", 0.3, true));
        final CardPrecisionAtK.Result result = CardPrecisionAtK.compute(transactions, CardPrecisionAtK.DEFAULT_K);
        assertEquals(0.02, result.mean(), EPS);
        assertEquals(List.of("z", "y", "x"), result.days().get(0).topCards());
    }

    @Test
    void aCardIsFraudulentOnADayIfAnyOfItsTransactionsThatDayIs() {
        // Card m: 0.9G and 0.1F the same day -> daily score 0.9, fraudulent. Card n: 0.5G. k = 1 -> m: 1/1.
        // The next day m (detected) is gone; n 0.5G alone -> 0/1. Mean 1/2.
        final List<ScoredTransaction> transactions = List.of(on("2024-01-01", "m", 0.9, false),
            on("2024-01-01", "m", 0.1, true), on("2024-01-01", "n", 0.5, false),
            on("2024-01-02", "m", 0.95, true), on("2024-01-02", "n", 0.5, false));
        final CardPrecisionAtK.Result result = CardPrecisionAtK.compute(transactions, 1);
        assertEquals(List.of(1.0, 0.0), result.days().stream().map(CardPrecisionAtK.Day::precision).toList());
        assertEquals(0.5, result.mean(), EPS);
    }

    @Test
    void badInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CardPrecisionAtK.compute(List.of(), 2));
        assertThrows(IllegalArgumentException.class, () -> CardPrecisionAtK.compute(threeDays(), 0));
        // A transaction on day 3 outside a period that ends with day 2.
        assertThrows(IllegalArgumentException.class,
            () -> CardPrecisionAtK.compute(threeDays(), 2, Set.of(), DAY1, DAY3));
        assertThrows(IllegalArgumentException.class,
            () -> CardPrecisionAtK.compute(threeDays(), 2, Set.of(), DAY2, DAY2));
    }
}
