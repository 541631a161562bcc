package io.ringfence.models.evaluation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.ringfence.models.evaluation.Tx.scored;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ROC and precision-recall curves against hand-computed cases, and their downsampling for plots. */
class CurvesTest {
    private static final double EPS = 1e-12;

    /** Frauds 0.8, 0.6, 0.2; genuine 0.6, 0.4, 0.6: two tied 0.6 genuine and a 0.6 fraud. */
    private static final List<ScoredTransaction> TIED = List.of(scored(0.8, true), scored(0.6, true),
        scored(0.2, true), scored(0.6, false), scored(0.4, false), scored(0.6, false));

    @Test
    void rocTakesOnePointPerDistinctScore() {
        // Threshold  TP FP   FPR  TPR
        //   +inf      0  0    0    0
        //   0.8       1  0    0   1/3
        //   0.6       2  2   2/3  2/3   (the three 0.6 scores flagged together)
        //   0.4       2  3    1   2/3
        //   0.2       3  3    1    1
        final Curve roc = Curves.roc(TIED);
        assertArrayEquals(new double[] {0, 0, 2.0 / 3, 1, 1}, roc.xs(), EPS);
        assertArrayEquals(new double[] {0, 1.0 / 3, 2.0 / 3, 2.0 / 3, 1}, roc.ys(), EPS);
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 0.8, 0.6, 0.4, 0.2}, roc.thresholds(), 0.0);
        // Trapezoids: 0 + (2/3)(1/3 + 2/3)/2 + (1/3)(2/3) + 0 = 1/3 + 2/9 = 5/9, the Mann-Whitney AUC.
        assertEquals(5.0 / 9, trapezoidalArea(roc), EPS);
        assertEquals(Metrics.aucRoc(TIED), trapezoidalArea(roc), EPS);
    }

    @Test
    void precisionRecallTakesOnePointPerDistinctScore() {
        // Threshold  TP FP  recall  precision
        //   0.8       1  0   1/3      1
        //   0.6       2  2   2/3     2/4
        //   0.4       2  3   2/3     2/5
        //   0.2       3  3    1      3/6
        final Curve pr = Curves.precisionRecall(TIED);
        assertArrayEquals(new double[] {1.0 / 3, 2.0 / 3, 2.0 / 3, 1}, pr.xs(), EPS);
        assertArrayEquals(new double[] {1, 0.5, 0.4, 0.5}, pr.ys(), EPS);
        assertArrayEquals(new double[] {0.8, 0.6, 0.4, 0.2}, pr.thresholds(), 0.0);
        // As steps: (1/3)(1) + (1/3)(1/2) + 0 (0.4) + (1/3)(1/2) = 2/3, the average precision.
        assertEquals(2.0 / 3, stepArea(pr), EPS);
        assertEquals(Metrics.averagePrecision(TIED), stepArea(pr), EPS);
    }

    @Test
    void curvesDoNotDependOnTheInputOrder() {
        final List<ScoredTransaction> shuffled = new ArrayList<>(TIED);
        Collections.shuffle(shuffled, new Random(7));
        assertArrayEquals(Curves.roc(TIED).ys(), Curves.roc(shuffled).ys(), 0.0);
        assertArrayEquals(Curves.precisionRecall(TIED).ys(), Curves.precisionRecall(shuffled).ys(), 0.0);
    }

    @Test
    void allScoresEqualGiveOneStepFromTheOrigin() {
        final List<ScoredTransaction> flat = List.of(scored(0.5, true), scored(0.5, false), scored(0.5, false));
        final Curve roc = Curves.roc(flat);
        assertArrayEquals(new double[] {0, 1}, roc.xs(), 0.0);
        assertArrayEquals(new double[] {0, 1}, roc.ys(), 0.0);
        final Curve pr = Curves.precisionRecall(flat);
        assertArrayEquals(new double[] {1}, pr.xs(), 0.0);
        assertArrayEquals(new double[] {1.0 / 3}, pr.ys(), EPS);
    }

    @Test
    void curvesMatchTheMetricsOnALargeRandomSet() {
        // Scores rounded to 3 decimals, so ties are many.
        final List<ScoredTransaction> transactions = randomSet(20_000, 0.05, 1000);
        assertEquals(Metrics.aucRoc(transactions), trapezoidalArea(Curves.roc(transactions)), 1e-9);
        assertEquals(Metrics.averagePrecision(transactions), stepArea(Curves.precisionRecall(transactions)), 1e-9);
        assertTrue(Curves.roc(transactions).size() <= 1002, "at most one point per distinct score plus the origin");
    }

    @Test
    void curvesRefuseInputsTheyAreUndefinedFor() {
        final IllegalArgumentException onlyGenuine = assertThrows(IllegalArgumentException.class,
            () -> Curves.roc(List.of(scored(0.2, false), scored(0.4, false))));
        assertTrue(onlyGenuine.getMessage().contains("both classes"), onlyGenuine.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Curves.roc(List.of(scored(0.2, true))));
        final IllegalArgumentException noFraud = assertThrows(IllegalArgumentException.class,
            () -> Curves.precisionRecall(List.of(scored(0.2, false))));
        assertTrue(noFraud.getMessage().contains("no fraud"), noFraud.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Curves.roc(List.of()));
        // Only frauds: precision is 1 everywhere, recall is defined.
        assertArrayEquals(new double[] {1, 1}, Curves.precisionRecall(List.of(scored(0.9, true),
            scored(0.1, true))).ys(), 0.0);
    }

    @Test
    void downsamplingKeepsAPointEachStepOfPathAndBothEnds() {
        // Nine points along y = 0 at x = k/8: path length 1.
        final double[] xs = new double[9];
        final double[] thresholds = new double[9];
        for (int k = 0; k < 9; k++) {
            xs[k] = k / 8.0;
            thresholds[k] = 1.0 - k / 8.0;
        }
        final Curve line = new Curve(xs, new double[9], thresholds);
        // 6 points: step 1/4 -> every second point, plus the last: x = 0, 2/8, 4/8, 6/8, 1.
        final Curve six = line.downsampled(6);
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, six.xs(), 0.0);
        assertArrayEquals(new double[] {1, 0.75, 0.5, 0.25, 0}, six.thresholds(), 0.0);
        // 4 points: step 1/2 -> x = 0, 1/2, 1.
        assertArrayEquals(new double[] {0, 0.5, 1}, line.downsampled(4).xs(), 0.0);
        assertSame(line, line.downsampled(9), "a curve short enough stays as it is");
        assertThrows(IllegalArgumentException.class, () -> line.downsampled(2));
    }

    @Test
    void downsamplingALongRocCurveKeepsItsShape() {
        final Curve roc = Curves.roc(randomSet(50_000, 0.1, 0));
        final Curve plotted = roc.downsampled(Curves.PLOT_POINTS);
        assertTrue(roc.size() > 40_000, "distinct scores: " + roc.size());
        assertTrue(plotted.size() <= Curves.PLOT_POINTS, "kept " + plotted.size());
        assertTrue(plotted.size() > Curves.PLOT_POINTS / 2, "kept " + plotted.size());
        assertEquals(0.0, plotted.x(0), 0.0);
        assertEquals(1.0, plotted.y(plotted.size() - 1), 0.0);
        // The path is at most 2 long, so every dropped point lies within 2 / 1998 of a kept one: the area moves less.
        assertEquals(trapezoidalArea(roc), trapezoidalArea(plotted), 2.0 / (Curves.PLOT_POINTS - 2));
    }

    /**
     * Seeded random transactions, frauds scoring higher on average; scores rounded to {@code 1 / resolution} unless
     * the resolution is 0.
     */
    private static List<ScoredTransaction> randomSet(final int count, final double fraudRate, final int resolution) {
        final Random random = new Random(count);
        final List<ScoredTransaction> transactions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final boolean fraud = random.nextDouble() < fraudRate;
            final double score = Math.min(1.0, random.nextDouble() * (fraud ? 1.5 : 1.0));
            transactions.add(scored(resolution == 0 ? score : (double) Math.round(score * resolution) / resolution,
                fraud));
        }
        return transactions;
    }

    private static double trapezoidalArea(final Curve curve) {
        double area = 0.0;
        for (int i = 1; i < curve.size(); i++) {
            area += (curve.x(i) - curve.x(i - 1)) * (curve.y(i) + curve.y(i - 1)) / 2;
        }
        return area;
    }

    private static double stepArea(final Curve curve) {
        double area = 0.0;
        double previousX = 0.0;
        for (int i = 0; i < curve.size(); i++) {
            area += (curve.x(i) - previousX) * curve.y(i);
            previousX = curve.x(i);
        }
        return area;
    }
}
