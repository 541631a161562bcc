package io.ringfence.models.evaluation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.ringfence.models.evaluation.Tx.scored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AUC ROC, average precision and threshold metrics against hand-computed cases. */
class MetricsTest {
    private static final double EPS = 1e-12;

    @Test
    void aucIsOneForAPerfectRankingAndZeroForTheInverse() {
        // Frauds 0.9, 0.8 above genuine 0.3, 0.1: all 4 (fraud, genuine) pairs won -> 4/4.
        assertEquals(1.0, Metrics.aucRoc(List.of(scored(0.9, true), scored(0.8, true), scored(0.3, false),
            scored(0.1, false))), EPS);
        // The same scores with the labels swapped: no pair won -> 0/4.
        assertEquals(0.0, Metrics.aucRoc(List.of(scored(0.9, false), scored(0.8, false), scored(0.3, true),
            scored(0.1, true))), EPS);
    }

    @Test
    void aucGivesTiesTheirAverageRank() {
        // Frauds 0.8, 0.6, 0.2; genuine 0.6, 0.4, 0.6.
        // Pairs: fraud 0.8 beats all 3 genuine (3); fraud 0.6 ties two 0.6 (0.5 + 0.5) and beats 0.4 (1) -> 2;
        // fraud 0.2 beats none (0). U = 5, pairs = 3 * 3 = 9, AUC = 5/9.
        // By ranks: ascending 0.2F r1, 0.4G r2, 0.6 x3 r3..5 -> 4 each, 0.8F r6; fraud rank sum 1 + 4 + 6 = 11;
        // U = 11 - 3*4/2 = 5.
        final List<ScoredTransaction> transactions = List.of(scored(0.8, true), scored(0.6, true), scored(0.2, true),
            scored(0.6, false), scored(0.4, false), scored(0.6, false));
        assertEquals(5.0 / 9.0, Metrics.aucRoc(transactions), EPS);
        assertEquals(5.0 / 9.0, Metrics.aucRoc(shuffled(transactions)), EPS);
    }

    @Test
    void aucOfScoresAllEqualIsOneHalf() {
        // Every pair ties: 2 * 2 * 0.5 / 4.
        assertEquals(0.5, Metrics.aucRoc(List.of(scored(0.5, true), scored(0.5, false), scored(0.5, true),
            scored(0.5, false))), EPS);
    }

    @Test
    void aucIsRefusedWithOnlyOneClass() {
        final IllegalArgumentException onlyGenuine = assertThrows(IllegalArgumentException.class,
            () -> Metrics.aucRoc(List.of(scored(0.2, false), scored(0.4, false))));
        assertTrue(onlyGenuine.getMessage().contains("both classes"), onlyGenuine.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Metrics.aucRoc(List.of(scored(0.2, true))));
        assertThrows(IllegalArgumentException.class, () -> Metrics.aucRoc(List.of()));
    }

    @Test
    void averagePrecisionMatchesScikitLearnsExample() {
        // sklearn's docstring example: y_true [0, 0, 1, 1], scores [0.1, 0.4, 0.35, 0.8] -> 0.83333.
        // Descending: 0.8F (P 1/1, R 1/2) adds 1/2 * 1; 0.4G (R unchanged) adds 0;
        // 0.35F (P 2/3, R 1) adds 1/2 * 2/3 = 1/3; 0.1G adds 0. AP = 1/2 + 1/3 = 5/6.
        assertEquals(5.0 / 6.0, Metrics.averagePrecision(List.of(scored(0.1, false), scored(0.4, false),
            scored(0.35, true), scored(0.8, true))), EPS);
    }

    @Test
    void averagePrecisionTakesTiedScoresAsOneThreshold() {
        // y [1, 0, 1, 0, 1], scores [0.9, 0.9, 0.5, 0.5, 0.1]; three thresholds.
        // >= 0.9: TP 1, FP 1 -> P 1/2, R 1/3: adds 1/3 * 1/2 = 1/6.
        // >= 0.5: TP 2, FP 2 -> P 1/2, R 2/3: adds 1/3 * 1/2 = 1/6.
        // >= 0.1: TP 3, FP 2 -> P 3/5, R 1:   adds 1/3 * 3/5 = 1/5.
        // AP = 1/6 + 1/6 + 1/5 = 8/15 = 0.5333 (sklearn gives the same). Were each tie split with the fraud first,
        // it would be 1/3 * 1/1 + 1/3 * 2/3 + 1/3 * 3/5 = 34/45 = 0.7556 (genuine first happens to give 8/15 too),
        // so the fraud-first input order below catches an implementation that does not group ties.
        final List<ScoredTransaction> fraudFirst = List.of(scored(0.9, true), scored(0.9, false), scored(0.5, true),
            scored(0.5, false), scored(0.1, true));
        final List<ScoredTransaction> genuineFirst = List.of(scored(0.9, false), scored(0.9, true),
            scored(0.5, false), scored(0.5, true), scored(0.1, true));
        assertEquals(8.0 / 15.0, Metrics.averagePrecision(fraudFirst), EPS);
        assertEquals(8.0 / 15.0, Metrics.averagePrecision(genuineFirst), EPS);
        assertEquals(8.0 / 15.0, Metrics.averagePrecision(shuffled(fraudFirst)), EPS);
    }

    @Test
    void averagePrecisionOfAPerfectRankingIsOne() {
        // Both frauds first: P stays 1 while R goes 0 -> 1/2 -> 1. Genuine ones add no recall.
        assertEquals(1.0, Metrics.averagePrecision(List.of(scored(0.9, true), scored(0.7, true), scored(0.3, false),
            scored(0.2, false))), EPS);
        // The inverse: 0.9G, 0.7G, 0.3F (P 1/3, R 1/2), 0.2F (P 2/4, R 1): 1/6 + 1/4 = 5/12.
        assertEquals(5.0 / 12.0, Metrics.averagePrecision(List.of(scored(0.9, false), scored(0.7, false),
            scored(0.3, true), scored(0.2, true))), EPS);
    }

    @Test
    void averagePrecisionIsOneWithOnlyFraudsAndRefusedWithNone() {
        assertEquals(1.0, Metrics.averagePrecision(List.of(scored(0.3, true), scored(0.1, true))), EPS);
        assertThrows(IllegalArgumentException.class,
            () -> Metrics.averagePrecision(List.of(scored(0.3, false), scored(0.1, false))));
        assertThrows(IllegalArgumentException.class, () -> Metrics.averagePrecision(List.of()));
    }

    @Test
    void thresholdMetricsCountAScoreEqualToTheThresholdAsFlagged() {
        // 0.9F 0.7G 0.5F 0.5G | 0.2F 0.1G at threshold 0.5: flagged TP 2, FP 2; not flagged FN 1, TN 1.
        // precision 2/4, recall 2/3, false-positive rate 2/3.
        final List<ScoredTransaction> transactions = List.of(scored(0.9, true), scored(0.7, false), scored(0.5, true),
            scored(0.5, false), scored(0.2, true), scored(0.1, false));
        final ThresholdMetrics at = Metrics.atThreshold(transactions, 0.5);
        assertEquals(new ThresholdMetrics(0.5, 2, 2, 1, 1), at);
        assertEquals(0.5, at.precision(), EPS);
        assertEquals(2.0 / 3.0, at.recall(), EPS);
        assertEquals(2.0 / 3.0, at.falsePositiveRate(), EPS);

        // At 0.8: only 0.9F flagged. precision 1, recall 1/3, false-positive rate 0/3.
        final ThresholdMetrics high = Metrics.atThreshold(transactions, 0.8);
        assertEquals(new ThresholdMetrics(0.8, 1, 0, 3, 2), high);
        assertEquals(1.0, high.precision(), EPS);
        assertEquals(1.0 / 3.0, high.recall(), EPS);
        assertEquals(0.0, high.falsePositiveRate(), EPS);
    }

    @Test
    void thresholdMetricsOfDegenerateCases() {
        // Nothing flagged: precision is 1 by the handbook's convention, recall 0, false-positive rate 0.
        final ThresholdMetrics none = Metrics.atThreshold(List.of(scored(0.4, true), scored(0.2, false)), 0.95);
        assertEquals(1.0, none.precision(), EPS);
        assertEquals(0.0, none.recall(), EPS);
        assertEquals(0.0, none.falsePositiveRate(), EPS);
        // No fraud: recall undefined; no genuine transaction: false-positive rate undefined.
        assertTrue(Double.isNaN(Metrics.atThreshold(List.of(scored(0.4, false)), 0.5).recall()));
        assertTrue(Double.isNaN(Metrics.atThreshold(List.of(scored(0.4, true)), 0.5).falsePositiveRate()));
        assertThrows(IllegalArgumentException.class, () -> Metrics.atThreshold(List.of(), 0.5));
    }

    @Test
    void scoresOutsideZeroToOneAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> scored(Double.NaN, true));
        assertThrows(IllegalArgumentException.class, () -> scored(1.5, true));
        assertThrows(IllegalArgumentException.class, () -> scored(-0.1, false));
    }

    private static List<ScoredTransaction> shuffled(final List<ScoredTransaction> transactions) {
        final List<ScoredTransaction> copy = new ArrayList<>(transactions);
        Collections.shuffle(copy, new Random(42));
        return copy;
    }
}
