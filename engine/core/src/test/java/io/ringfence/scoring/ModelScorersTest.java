package io.ringfence.scoring;

import io.ringfence.features.Feature;
import io.ringfence.features.FeatureSchema;
import io.ringfence.features.FeatureVector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trained-model scorers against hand-computed small models: scores, contributions in score points, and the
 * documented sum relation: sum of contributions = 1000 p - 1000 p0 (p0 the baseline), so
 * |score - round(1000 p0) - sum| &lt;= 1.
 */
class ModelScorersTest {
    private static final double EPS = 1e-9;

    private final FeatureVector f = new FeatureVector();
    private final double[] c = new double[FeatureSchema.SIZE];

    private int score(final Scorer scorer) {
        java.util.Arrays.fill(c, 0.0);
        return scorer.score(f, c);
    }

    private double sum() {
        double total = 0;
        for (final double v : c) {
            total += v;
        }
        return total;
    }

    @Test
    void linearModelScoresAndAttributesInScorePoints() {
        f.set(Feature.AMOUNT, 100);
        f.set(Feature.NEW_DEVICE, 1);
        // m = -3 + 0.01 x 100 + 2 x 1 = 0, p = 0.5
        assertEquals(500, score(TestModels.linear("lin/1")));
        // points per log-odd = 1000 (sigmoid(0) - sigmoid(-3)) / 3 = 150.858...
        assertEquals(150.8580422741444, c[Feature.AMOUNT.ordinal()], EPS);
        assertEquals(301.7160845482888, c[Feature.NEW_DEVICE.ordinal()], EPS);
        assertEquals(0.0, c[Feature.IP_COUNTRY_MISMATCH.ordinal()], EPS);
        assertEquals(500 - 47.42587317756678, sum(), 1e-9);
        assertEquals(0.5, TestModels.linear("lin/1").probability(f), EPS);
    }

    @Test
    void negativeWeightsGiveNegativeContributions() {
        f.set(Feature.CARD_AGE_DAYS, 400);
        f.set(Feature.NEW_DEVICE, 1);
        final int score = score(TestModels.linear("lin/1"));
        assertTrue(c[Feature.CARD_AGE_DAYS.ordinal()] < 0);
        assertTrue(c[Feature.NEW_DEVICE.ordinal()] > 0);
        // m = -3 + 2 - 4 = -5
        assertEquals(Math.round(1000 / (1 + Math.exp(5))), score);
        assertTrue(Math.abs(score - Math.round(1000 / (1 + Math.exp(3))) - sum()) <= 1.0);
    }

    @Test
    void standardisationUsesMeanAndScale() {
        final double[] w = new double[FeatureSchema.SIZE];
        final double[] means = new double[FeatureSchema.SIZE];
        final double[] scales = new double[FeatureSchema.SIZE];
        java.util.Arrays.fill(scales, 1.0);
        w[Feature.AMOUNT.ordinal()] = 0.5;
        means[Feature.AMOUNT.ordinal()] = 50;
        scales[Feature.AMOUNT.ordinal()] = 25;
        means[Feature.NEW_DEVICE.ordinal()] = 3; // weight 0: no effect however far from its mean
        final LinearModelScorer model = new LinearModelScorer("std/1", FeatureSchema.ID, 0.0, w, means, scales);
        f.set(Feature.AMOUNT, 100); // z = 2, m = 1
        assertEquals(731, score(model));
        assertEquals(231.0585786300049, c[Feature.AMOUNT.ordinal()], EPS);
        assertEquals(231.0585786300049, sum(), EPS);
        f.set(Feature.AMOUNT, 50); // at the mean: the baseline, nothing to attribute
        assertEquals(500, score(model));
        assertEquals(0.0, sum(), EPS);
    }

    @Test
    void linearModelRefusesMalformedParameters() {
        assertThrows(IllegalArgumentException.class,
            () -> new LinearModelScorer("x", FeatureSchema.ID, 0, new double[3], null, null));
        final double[] w = new double[FeatureSchema.SIZE];
        assertThrows(IllegalArgumentException.class,
            () -> new LinearModelScorer("x", FeatureSchema.ID, 0, w, new double[FeatureSchema.SIZE], null));
        assertThrows(IllegalArgumentException.class, () -> new LinearModelScorer("x", FeatureSchema.ID, 0, w,
            new double[FeatureSchema.SIZE], new double[FeatureSchema.SIZE]));
        w[0] = Double.NaN;
        assertThrows(IllegalArgumentException.class,
            () -> new LinearModelScorer("x", FeatureSchema.ID, 0, w, null, null));
    }

    @Test
    void aForestWhoseLeavesRoundPastOneStillGivesAProbabilityOfOne() {
        final int leaf = TreeEnsembleScorer.LEAF;
        final TreeEnsembleScorer forest = new TreeEnsembleScorer("rf/rounding", FeatureSchema.ID,
            TreeEnsembleScorer.Aggregation.AVERAGE_PROBABILITY, 0.0, new int[] {leaf, leaf}, new double[2],
            new int[2], new int[2], new double[] {1.0 + 3e-8, 1.0}, new int[] {0, 1});
        assertEquals(1.0, forest.probability(f));
        assertEquals(1000, score(forest));
    }

    @Test
    void randomForestAveragesLeafProbabilitiesWithSaabasContributions() {
        f.set(Feature.AMOUNT, 500);
        f.set(Feature.NEW_DEVICE, 1);
        f.set(Feature.IP_COUNTRY_MISMATCH, 1);
        final TreeEnsembleScorer forest = TestModels.forest("rf/1");
        // leaves 0.9 and 0.8: p = 0.85
        assertEquals(850, score(forest));
        assertEquals(0.85, forest.probability(f), EPS);
        // tree 0: AMOUNT 0.3 -> 0.6, NEW_DEVICE 0.6 -> 0.9; tree 1: IP 0.35 -> 0.8; x 1000 / 2 trees
        assertEquals(150.0, c[Feature.AMOUNT.ordinal()], EPS);
        assertEquals(150.0, c[Feature.NEW_DEVICE.ordinal()], EPS);
        assertEquals(225.0, c[Feature.IP_COUNTRY_MISMATCH.ordinal()], EPS);
        // p0 = mean root value = (0.3 + 0.35) / 2
        assertEquals(850 - 325, sum(), EPS);
    }

    @Test
    void theSplitRuleSendsEqualValuesLeftAndNaNRight() {
        final TreeEnsembleScorer forest = TestModels.forest("rf/1");
        f.set(Feature.AMOUNT, 100); // <= 100: leaf 1 (0.1), tree 1 leaf 6 (0.2)
        assertEquals(150, score(forest));
        assertEquals(-100.0, c[Feature.AMOUNT.ordinal()], EPS); // (0.1 - 0.3) x 500
        assertEquals(-75.0, c[Feature.IP_COUNTRY_MISMATCH.ordinal()], EPS); // (0.2 - 0.35) x 500
        f.set(Feature.AMOUNT, Math.nextUp(100.0));
        assertEquals(300, score(forest)); // right, NEW_DEVICE 0 -> leaf 3 (0.4)
        f.set(Feature.AMOUNT, Double.NaN);
        assertEquals(300, score(forest));
        assertTrue(TreeEnsembleScorer.SPLIT_RULE.contains("<="));
    }

    @Test
    void boostedTreesSumLogOddsFromTheBaseScore() {
        f.set(Feature.AMOUNT, 500);
        f.set(Feature.NEW_DEVICE, 1);
        f.set(Feature.IP_COUNTRY_MISMATCH, 1);
        final TreeEnsembleScorer boosted = TestModels.boosted("gb/1");
        // m = -1 + 1.5 + 0.7 = 1.2
        assertEquals(769, score(boosted));
        assertEquals(0.7685247834990175, boosted.probability(f), EPS);
        // log-odds credits 1.0, 0.5, 0.6, x 1000 (sigmoid(1.2) - sigmoid(-0.9)) / 2.1
        assertEquals(228.32108863048643, c[Feature.AMOUNT.ordinal()], EPS);
        assertEquals(114.16054431524321, c[Feature.NEW_DEVICE.ordinal()], EPS);
        assertEquals(136.99265317829185, c[Feature.IP_COUNTRY_MISMATCH.ordinal()], EPS);
        assertEquals(768.5247834990175 - 289.050497374996, sum(), 1e-9);
        assertTrue(Math.abs(769 - 289 - sum()) <= 1.0);
    }

    @Test
    void atTheBaselineNothingIsAttributed() {
        // A single stump whose root expectation equals the leaf taken: the derivative path, no division by zero.
        final TreeEnsembleScorer stump = new TreeEnsembleScorer("stump/1", FeatureSchema.ID,
            TreeEnsembleScorer.Aggregation.SUM_LOGIT, 0.0, new int[] {0, -1, -1}, new double[] {1, 0, 0},
            new int[] {1, 0, 0}, new int[] {2, 0, 0}, new double[] {0.5, 0.5, 0.5}, new int[] {0});
        assertEquals(622, score(stump));
        assertEquals(0.0, sum(), EPS);
    }

    @Test
    void expectedValuesFillFromCovers() {
        final int[] split = {0, -1, 2, -1, -1};
        final int[] left = {1, 0, 3, 0, 0};
        final int[] right = {2, 0, 4, 0, 0};
        final double[] value = {0, 0.1, 0, 0.4, 0.9};
        TreeEnsembleScorer.fillExpectedValues(split, left, right, new double[] {10, 6, 4, 3, 1}, value);
        assertEquals((3 * 0.4 + 0.9) / 4, value[2], EPS);
        assertEquals((6 * 0.1 + 4 * value[2]) / 10, value[0], EPS);
    }

    @Test
    void treeEnsembleRefusesMalformedTrees() {
        final int a = Feature.AMOUNT.ordinal();
        // a child before its parent could loop
        assertThrows(IllegalArgumentException.class, () -> new TreeEnsembleScorer("bad", FeatureSchema.ID,
            TreeEnsembleScorer.Aggregation.AVERAGE_PROBABILITY, 0, new int[] {-1, a}, new double[2],
            new int[] {0, 0}, new int[] {0, 0}, new double[2], new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new TreeEnsembleScorer("bad", FeatureSchema.ID,
            TreeEnsembleScorer.Aggregation.AVERAGE_PROBABILITY, 0, new int[] {FeatureSchema.SIZE, -1, -1},
            new double[3], new int[] {1, 0, 0}, new int[] {2, 0, 0}, new double[3], new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new TreeEnsembleScorer("bad", FeatureSchema.ID,
            TreeEnsembleScorer.Aggregation.AVERAGE_PROBABILITY, 0, new int[] {-1}, new double[1], new int[1],
            new int[1], new double[1], new int[0]));
    }
}
